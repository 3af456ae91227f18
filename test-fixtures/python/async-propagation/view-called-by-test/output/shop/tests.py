from asgiref.sync import async_to_sync
from django.test import RequestFactory

from shop.views import ping


def test_ping():
    assert async_to_sync(ping)(RequestFactory().get("/ping/")).status_code == 200
