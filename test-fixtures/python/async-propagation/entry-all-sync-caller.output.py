# fixture-options: entry=all
# `slow` and `K.c` block, so --entry all chooses them; `report` calls them
# synchronously and keeps its sync form, so they keep theirs and gain twins.
import asyncio
import time


def slow():
    time.sleep(1)
    return 1


async def aslow():
    await asyncio.sleep(1)
    return 1


class K:
    @classmethod
    def c(cls):
        time.sleep(1)
        return 2

    @classmethod
    async def ac(cls):
        await asyncio.sleep(1)
        return 2


def report():
    return slow() + K.c()


async def areport():
    return await aslow() + await K.ac()
