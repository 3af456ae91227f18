# linkding's dev settings with a fast password hasher, for its test suite only
# (django-run.sh passes `--ds=linkding_test_settings`): every test creates a user, and
# PBKDF2 makes the suite take 20+ minutes on a shared 2-core machine instead of 2.
from bookmarks.settings.dev import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
