AUTHENTICATION_BACKENDS = ["shop.backends.LegacyBackend"]
