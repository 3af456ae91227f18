# fixture-options: entry=all safety=safe
# --entry all chooses `drain_queue` (it sleeps) and nothing in the project calls it:
# making it async is a review change (callers awaitify cannot see would get a
# coroutine), which --safety safe does not apply, so it stays sync, and so does the
# sleep inside it (an awaited asyncio.sleep() needs an async def).
import time


def drain_queue(pause=0.2):
    time.sleep(pause)
    return pause
