import asyncio


async def helper(pk):
    return pk


async def view(request, pk):
    task = asyncio.create_task(helper(pk))
    results = await asyncio.gather(helper(1), helper(2))
    await task
    return helper(results[0])
