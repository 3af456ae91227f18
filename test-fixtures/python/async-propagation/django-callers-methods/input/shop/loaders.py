from shop.models import Page


class DbLoader:
    def get_contents(self, origin):
        return Page.objects.get(name=origin.template_name).body
