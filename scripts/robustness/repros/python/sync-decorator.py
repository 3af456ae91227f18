# awaitify robustness repro (--entry all), rule: async-propagation.
# `flaky` is wrapped by the project's own sync decorator `retry`, whose wrapper
# calls `fn(*args, **kwargs)` inside try/except and returns its value.
# Expected: `flaky` stays sync (the decorator's wrapper is a sync caller that
# cannot await: a sync-boundary like `__init__` or a lambda), or the decorator
# is reported as manual work.
# Actual (0.1.0): `async def flaky()` under `@retry`: the wrapper now returns a
# coroutine on the first call, the try/except never sees the exception, and the
# retry silently stops working.
import time
from functools import wraps


def retry(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        for _ in range(3):
            try:
                return fn(*args, **kwargs)
            except Exception:
                time.sleep(1)
    return wrapper


@retry
def flaky():
    time.sleep(0.5)
    return 1
