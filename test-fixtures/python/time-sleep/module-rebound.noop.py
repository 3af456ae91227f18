# fixture-options: entry=all
from time import sleep


def fake_sleep(seconds):
    return seconds


sleep = fake_sleep


def view(request):
    sleep(1)
    return None
