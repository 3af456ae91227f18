from asgiref.sync import async_to_sync
from django.core.management.base import BaseCommand

from shop.services import total_stock


class Command(BaseCommand):
    def handle(self, *args, **options):
        self.stdout.write(str(async_to_sync(total_stock)()))
