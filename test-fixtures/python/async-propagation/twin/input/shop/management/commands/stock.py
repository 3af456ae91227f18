from django.core.management.base import BaseCommand

from shop.services import stock_of


class Command(BaseCommand):
    def handle(self, *args, **options):
        self.stdout.write(str(stock_of(options["pk"])))
