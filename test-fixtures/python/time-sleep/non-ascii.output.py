# fixture-options: entry=all
import asyncio

GREETING = "héllo wörld — ✓ 😀"


async def greet(request):
    label = "naïve café 😀"
    await asyncio.sleep(len(label))
    return GREETING
