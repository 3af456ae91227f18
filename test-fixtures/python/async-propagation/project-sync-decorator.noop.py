# fixture-options: entry=all
# `flaky` is wrapped by the project's own retry decorator, whose wrapper calls
# it synchronously: made async, the wrapper would return the coroutine at once
# and never retry. It stays sync and is reported.
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
