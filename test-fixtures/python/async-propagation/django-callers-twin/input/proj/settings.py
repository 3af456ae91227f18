# fixture-options: entry=all django=5.1
# Django calls everything named here synchronously: the context processors keep their sync
# form, and one that a view awaits gains an async twin beside it.
INSTALLED_APPS = ["shop"]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "shop.context_processors.cart",
            ],
        },
    }
]
TEMPLATES[0]["OPTIONS"]["context_processors"] += ["shop.context_processors.banner"]
