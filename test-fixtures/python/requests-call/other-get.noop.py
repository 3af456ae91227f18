# fixture-options: entry=all
class Client:
    def get(self, url):
        return url


def view(request, client: Client):
    requests = Client()
    requests.get("https://example.com")
    return client.get("/x")
