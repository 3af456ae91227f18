import os

AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]

if os.environ.get("DESK_OIDC"):
    AUTHENTICATION_BACKENDS.append("mozilla_django_oidc.auth.OIDCAuthenticationBackend")
