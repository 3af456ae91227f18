# fixture-options: entry=all
import asyncio
import subprocess


async def run_tool(request, cmd):
    result = await asyncio.to_thread(subprocess.run, cmd, shell=True, capture_output=True)
    return result.returncode
