# Appended to the serving settings by django-run.sh: the test project's settings read the
# database from DB_* variables (PostgreSQL by default); the server gets an SQLite file, with
# ATOMIC_REQUESTS as the test project sets it.
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "awaitify_corpus.sqlite3", "ATOMIC_REQUESTS": True}}
