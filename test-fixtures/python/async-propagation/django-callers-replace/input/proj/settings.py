# fixture-options: entry=all api=replace django=5.1
# Under --api replace what Django calls stays sync, and so does what it calls (a template
# renders on the event loop's thread in an async view, where async_to_sync raises); async
# callers run it through sync_to_async.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"context_processors": ["shop.context_processors.cart"]},
    }
]
