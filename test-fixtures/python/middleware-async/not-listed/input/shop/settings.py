MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
