class Store:
    def __init__(self):
        self.entries = {}

    def load(self, request):
        return self.entries.get(request.path, {})
