# fixture-options: entry=all django=4.2
import time


def profile(request):
    time.sleep(0)
    return request.user.pk
