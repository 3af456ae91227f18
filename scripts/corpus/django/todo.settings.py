# Appended to the serving settings by django-run.sh: test_settings names no SQLite file
# (its tests use an in-memory database), a server needs one.
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "awaitify_corpus.sqlite3"}}
