MIDDLEWARE = ["shop.middleware.HeaderMiddleware"]
