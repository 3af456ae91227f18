# fixture-options: entry=all
import time
import asyncio


async def slow(request):
	if request.GET:
		await asyncio.sleep(1)
	return None
