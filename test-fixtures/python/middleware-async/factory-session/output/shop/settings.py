MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "shop.middleware.visits_middleware",
]
