AUTHENTICATION_BACKENDS = ["shop.backends.EmailBackend", "shop.backends.TokenBackend"]
