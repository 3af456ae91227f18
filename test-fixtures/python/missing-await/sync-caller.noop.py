import asyncio


async def helper(pk):
    return pk


def main():
    asyncio.run(helper(1))
    coroutine = helper(2)
    return coroutine
