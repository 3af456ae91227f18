# fixture-options: django=5.1
# A context processor from another package may query: rendering runs in a thread.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "cms.context_processors.menu",
            ],
        },
    }
]
