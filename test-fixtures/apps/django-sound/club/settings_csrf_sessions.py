"""The club's settings with the CSRF token kept in the session (the suite switches it on per test too)."""
from .settings import *  # noqa: F401,F403

CSRF_USE_SESSIONS = True
