# fixture-options: entry=all
import requests as r


def fetch_all(request, urls):
    bodies = []
    with r.Session() as session:
        session.headers.update({"User-Agent": "library"})
        for url in urls:
            bodies.append(session.get(url, timeout=3).text)
    return bodies
