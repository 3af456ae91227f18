AUTHENTICATION_BACKENDS = ["desk.auth.TokenBackend"]
