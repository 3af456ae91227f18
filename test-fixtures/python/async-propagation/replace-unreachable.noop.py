# fixture-options: api=replace
import time

from django.core.management.base import BaseCommand


def warm_cache():
    time.sleep(1)


class Command(BaseCommand):
    def handle(self, *args, **options):
        warm_cache()
