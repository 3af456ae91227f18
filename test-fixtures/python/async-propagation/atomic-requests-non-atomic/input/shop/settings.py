# fixture-options: django=5.2
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "shop.sqlite3", "ATOMIC_REQUESTS": True},
}
