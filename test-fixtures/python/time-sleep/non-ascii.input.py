# fixture-options: entry=all
import time

GREETING = "héllo wörld — ✓ 😀"


def greet(request):
    label = "naïve café 😀"
    time.sleep(len(label))
    return GREETING
