import requests


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        status = requests.get("https://status.example.com/replica", timeout=1).json()
        return "replica" if status["healthy"] else "default"

    def db_for_write(self, model, **hints):
        return "default"
