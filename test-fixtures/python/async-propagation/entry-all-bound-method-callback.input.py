# fixture-options: entry=all
# A bound method handed to signal.signal() is called synchronously by Python: it keeps its sync form.
import signal
import time


class Foreman:
    def __init__(self):
        self.stopping = False
        signal.signal(signal.SIGTERM, self.handle_signal)

    def handle_signal(self, sig, frame):
        time.sleep(0.1)
        self.stopping = True
