# fixture-options: django=5.2
AUTHENTICATION_BACKENDS = ["shop.backends.EmailBackend"]
