# awaitify robustness repro (default --entry handlers), rule: missing-await.
# Found in Django's own django/test/client.py (AsyncClientHandler.__call__).
# `wrap` is an async *generator* function: calling it returns an async
# generator, which is consumed with `async for`, never awaited.
# Expected: no change (already correct code).
# Actual (0.1.0): `response.streaming_content = await wrap(...)`, message
# "wrap() returns a coroutine; without await it never runs":
# TypeError: object async_generator can't be used in 'await' expression.
async def wrap(iterable, close):
    try:
        async for chunk in iterable:
            yield chunk
    finally:
        close()


class Handler:
    async def __call__(self, response):
        if response.is_async:
            response.streaming_content = wrap(response.streaming_content, response.close)
        return response
