SECRET_KEY = "editor-fixture"
INSTALLED_APPS = ["notes"]
ROOT_URLCONF = "notes.urls"
DATABASES = {}
