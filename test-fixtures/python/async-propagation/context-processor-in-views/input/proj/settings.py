# `nav` sits in views.py and takes `request`, but it is a context processor, not a view:
# Django calls it synchronously while rendering, so it stays sync.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"context_processors": ["shop.views.nav"]},
    }
]
