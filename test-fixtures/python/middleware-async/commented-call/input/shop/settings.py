MIDDLEWARE = ["shop.middleware.NoticeMiddleware"]
