# fixture-options: entry=all
# --entry all chooses `wait_for_printer` (it sleeps) and nothing in the project calls
# it: whatever calls it (another package, a script, a tool) would now get a coroutine
# and not wait, so the change is labelled review, never safe.
import asyncio


async def wait_for_printer(seconds=0.1):
    await asyncio.sleep(seconds)
    return seconds
