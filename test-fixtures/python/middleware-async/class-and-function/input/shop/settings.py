MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
    "shop.middleware.TimingMiddleware",
    "shop.middleware.tag_middleware",
    "corsheaders.middleware.CorsMiddleware",
]
