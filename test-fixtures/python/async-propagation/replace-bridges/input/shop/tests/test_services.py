from shop.services import wait_for_warehouse


def test_wait_for_warehouse():
    assert wait_for_warehouse() is None
