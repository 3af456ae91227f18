from shop.models import Page


class PageConverter:
    regex = "[a-z-]+"

    def to_python(self, value):
        return Page.objects.get(name=value)

    def to_url(self, value):
        return value.name
