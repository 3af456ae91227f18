# A generator taking `request` is a streaming helper, not a view: calling it
# runs nothing, so it stays sync (a boundary) and its sleep is reported.
import time


def rows(request):
    for i in range(3):
        time.sleep(1)
        yield str(i)


def consume(request):
    return ",".join(rows(request))
