# fixture-options: entry=all
import asyncio


async def slow(request):
	if request.GET:
		await asyncio.sleep(1)
	return None
