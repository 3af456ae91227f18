# fixture-options: entry=all
import asyncio
import json
from pathlib import Path

from django.http import JsonResponse

DATA = Path("/srv/data")


async def load(request, name):
    def _file_block(name):
        with open(DATA / f"{name}.json", encoding="utf-8") as fh:
            payload = json.load(fh)
        return payload

    payload = await asyncio.to_thread(_file_block, name)
    notes = await asyncio.to_thread((DATA / "notes.txt").read_text, encoding="utf-8")
    await asyncio.to_thread(Path("/tmp/last").write_text, name)
    return JsonResponse({"payload": payload, "notes": notes})
