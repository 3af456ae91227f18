import logging

import requests


class ChatHandler(logging.Handler):
    def emit(self, record):
        requests.post("https://chat.example.com/hook", json={"text": self.format(record)}, timeout=5)
