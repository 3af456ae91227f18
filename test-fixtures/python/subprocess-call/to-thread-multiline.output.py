# fixture-options: entry=all
# A multi-line call whose first argument starts on the next line: the comma
# after the callable ends the line, with no trailing space.
import asyncio
import subprocess


async def f(args):
    await asyncio.to_thread(subprocess.run,
        args,
        check=True,
    )
