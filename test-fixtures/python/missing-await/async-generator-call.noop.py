# `wrap` is an async generator function: calling it returns an async iterator
# that is consumed with `async for`; awaiting it would raise TypeError.
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
