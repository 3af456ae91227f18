# fixture-options: entry=all python=3.8
import subprocess

from asgiref.sync import sync_to_async


async def run_tool(request, cmd):
    return (await sync_to_async(subprocess.run, thread_sensitive=False)(cmd, shell=True)).returncode
