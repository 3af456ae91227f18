import os

AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]

if os.environ.get("USE_SSO"):
    AUTHENTICATION_BACKENDS.append("sso_kit.backends.SingleSignOnBackend")
