# awaitify robustness repro (--entry all), rule: requests-call (review).
# `.ok` read directly on the response of a rewritten requests call. httpx's
# Response has no `ok` (it has `is_success`), so the output raises
# AttributeError on every call; the finding's message mentions the difference
# but the code it writes is certain to fail.
# Expected: `[(await client.get(u)).is_success for u in urls]` (the attribute
# is on the rewritten call's own result, so the rename is safe), or the call
# left alone and reported as manual.
# Actual (0.1.0): `[(await client.get(u)).ok for u in urls]`, while the same
# read through a local (`resp.ok` in `up`) is correctly renamed to `is_success`.
# Also: `requests.Session().get(...)` and `requests.get(..., stream=True)` in
# the same run are neither rewritten nor reported.
import requests


def all_up(urls):
    return [requests.get(u).ok for u in urls]


def up(url):
    resp = requests.get(url)
    return resp.ok
