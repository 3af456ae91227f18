from django.test import RequestFactory

from shop.views import ping
from asgiref.sync import async_to_sync


def test_ping():
    assert async_to_sync(ping)(RequestFactory().get("/ping/")).status_code == 200
