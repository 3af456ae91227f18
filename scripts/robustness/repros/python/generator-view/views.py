# awaitify robustness repro (default options: a views.py is taken for views;
# same with --entry all under any name), rules: time-sleep + async-propagation.
# `rows` is a generator function that takes `request` (a streaming helper,
# fed to StreamingHttpResponse or joined by another view). awaitify turns it
# into an async generator and then awaits it in its caller:
#     async def rows(request): ... yield str(i)
#     return ",".join(await rows(request))
# TypeError: object async_generator can't be used in 'await' expression (and
# str.join cannot take an async iterable). A generator with no `request`
# parameter is correctly kept sync as a boundary ("is a generator; making it
# async changes how every caller iterates it").
# Expected: the same boundary for `rows` (the time.sleep reported as manual), or
# an async generator consumed with `[x async for x in rows(request)]`.
import time


def rows(request):
    for i in range(3):
        time.sleep(1)
        yield str(i)


def consume(request):
    return ",".join(rows(request))
