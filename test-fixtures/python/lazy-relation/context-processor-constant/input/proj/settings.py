# fixture-options: django=5.1
# `site` reads only settings, so rendering in the async view needs no thread.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["shop.context_processors.site"]},
    }
]
SITE_NAME = "Shop"
