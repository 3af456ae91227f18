# The app's test settings.
MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
    "stamp.middleware.StampMiddleware",
    "stamp.middleware.tag_middleware",
]
