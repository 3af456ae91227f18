# fixture-options: entry=all
import os


class Settings:
    def __init__(self):
        self.data = {}


def view(request, config: Settings):
    d = {"a": 1}
    d.get("a")
    os.environ.get("HOME")
    config.data.get("x")
    request.GET.get("q")
    return [1, 2].count(1)
