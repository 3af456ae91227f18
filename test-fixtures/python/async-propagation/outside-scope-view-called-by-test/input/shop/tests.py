from django.test import RequestFactory

from shop.views import ping


def test_ping():
    assert ping(RequestFactory().get("/ping/")).status_code == 200
