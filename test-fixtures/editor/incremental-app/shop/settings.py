SECRET_KEY = "editor-fixture"
INSTALLED_APPS = ["shop"]
ROOT_URLCONF = "shop.urls"
DATABASES = {}
