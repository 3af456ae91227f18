"""Settings of the Central Library catalogue.

Kept compatible with Django 4.0 through 5.2: no settings that only newer
releases know, and the defaults that changed between them are spelled out.
"""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("LIBRARY_SECRET_KEY", "library-development-key-not-for-production")
DEBUG = os.environ.get("LIBRARY_DEBUG", "") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "catalog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "catalog.middleware.BranchHeaderMiddleware",
]

ROOT_URLCONF = "library.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
            ],
        },
    },
]

WSGI_APPLICATION = "library.wsgi.application"
ASGI_APPLICATION = "library.asgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("LIBRARY_DB_PATH", str(BASE_DIR / "db.sqlite3")),
        # Persistent connections are not safe under ASGI.
        "CONN_MAX_AGE": 0,
    }
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "library",
    }
}

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEFAULT_FROM_EMAIL = "loans@library.example.org"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Which branch served a response; the BranchHeaderMiddleware reports it.
LIBRARY_BRANCH = os.environ.get("LIBRARY_BRANCH", "central")

# The pricing service the catalogue asks for retail prices.
PRICING_SERVICE_URL = os.environ.get("LIBRARY_PRICING_URL", "http://127.0.0.1:8765")
PRICING_TIMEOUT = 5.0
PRICING_MAX_ATTEMPTS = 3
# Seconds to wait before retrying a busy pricing service (multiplied by the attempt number).
PRICING_BACKOFF = float(os.environ.get("LIBRARY_PRICING_BACKOFF", "0.05"))

LOAN_DAYS = 14
