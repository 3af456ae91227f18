# fixture-options: django=5.1
# render() runs the context processors in the calling thread: `cart` queries through a
# helper, so an async view renders through sync_to_async.
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
