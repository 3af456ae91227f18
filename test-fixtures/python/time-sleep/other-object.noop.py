# fixture-options: entry=all
import time


class Worker:
    def sleep(self, seconds):
        return seconds


def view(request, worker):
    worker.sleep(1)
    Worker().sleep(2)
    return time.monotonic()
