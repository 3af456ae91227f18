# awaitify robustness repro (--entry all; default --api twin for Python),
# rule: async-propagation.
# `slow` contains a blocking call, so --entry all makes it an entry; `report`
# is a sync caller of it that stays sync (it gets an async twin `areport`).
# Expected: `slow` keeps its sync form and gains an async twin `aslow` (as it
# does with --entry handlers), `report` keeps calling `slow()`, and `areport`
# awaits `aslow()`. Equally fine: both converted in place with no sync caller left.
# Actual (0.1.0): `slow` is converted in place to `async def slow()`, while the
# kept sync `report` still returns `slow() + 1`: TypeError at run time
# (coroutine + int), and a "coroutine was never awaited" warning.
# The same happens to a @classmethod (`K.c`) called from a sync function.
import time


def slow():
    time.sleep(1)
    return 1


def report():
    return slow() + 1
