# Appended to the serving settings by django-run.sh: upstream's default database is
# PostgreSQL (dj_database_url with a postgres:// default); the page checks use SQLite.
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "awaitify_corpus.sqlite3"}}
