SECRET_KEY = "fixture"
INSTALLED_APPS = ["django.contrib.contenttypes", "desk"]
ROOT_URLCONF = "desk.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
