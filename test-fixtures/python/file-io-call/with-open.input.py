# fixture-options: entry=all
import json
from pathlib import Path

from django.http import JsonResponse

DATA = Path("/srv/data")


def load(request, name):
    with open(DATA / f"{name}.json", encoding="utf-8") as fh:
        payload = json.load(fh)
    notes = (DATA / "notes.txt").read_text(encoding="utf-8")
    Path("/tmp/last").write_text(name)
    return JsonResponse({"payload": payload, "notes": notes})
