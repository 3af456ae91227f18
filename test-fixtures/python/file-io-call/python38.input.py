# fixture-options: entry=all python=3.8
from pathlib import Path


def load(request):
    return Path("/srv/notes.txt").read_text()
