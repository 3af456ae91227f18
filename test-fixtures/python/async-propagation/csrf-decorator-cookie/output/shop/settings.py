# fixture-options: django=5.2
CSRF_USE_SESSIONS = False
