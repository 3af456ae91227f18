# fixture-options: entry=all python=3.8
from pathlib import Path

from asgiref.sync import sync_to_async


async def load(request):
    return await sync_to_async(Path("/srv/notes.txt").read_text, thread_sensitive=False)()
