# fixture-options: entry=all django=5.1
# Methods Django calls synchronously stay sync and gain no twin: a twin named like
# `aauthenticate` or `asave` would shadow Django's own async form.
MIDDLEWARE = ["shop.middleware.StampMiddleware"]
AUTHENTICATION_BACKENDS = ("shop.backends.TokenBackend",)
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [("django.template.loaders.cached.Loader", ["shop.loaders.DbLoader"])],
        },
    }
]
DATABASE_ROUTERS = ["shop.routers.ReplicaRouter"]
