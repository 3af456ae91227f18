# The serving settings for the page checks: the database cache table is not made by
# `manage.py migrate` (upstream runs createcachetable at start), so a local-memory cache.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
