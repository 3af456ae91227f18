MIDDLEWARE = ["shop.middleware.AsyncMiddleware"]
