from asgiref.sync import async_to_sync

from shop.services import wait_for_warehouse


def test_wait_for_warehouse():
    assert async_to_sync(wait_for_warehouse)() is None
