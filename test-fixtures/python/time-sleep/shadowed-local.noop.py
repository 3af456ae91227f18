# fixture-options: entry=all
class Clock:
    def sleep(self, seconds):
        return seconds


def view(request):
    time = Clock()
    time.sleep(1)
    return None
