# fixture-options: django=5.1
# The auth context processor hands templates a lazy `user`: reading it while rendering runs a
# session and a user query for a logged-in visitor, so the async view renders in a thread.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
            ],
        },
    }
]
