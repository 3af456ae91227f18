# fixture-options: entry=all
import time as t
from time import sleep as nap


def backoff(request, attempt):
    t.sleep(0.1 * attempt)
    nap(1)
    return attempt
