# fixture-options: django=5.2
DATABASES = {
    "default": dict(ENGINE="django.db.backends.sqlite3", NAME="shop.sqlite3", ATOMIC_REQUESTS=True),
    "reports": {"ENGINE": "django.db.backends.sqlite3", "NAME": "reports.sqlite3"},
}
DATABASES["reports"]["ATOMIC_REQUESTS"] = True
