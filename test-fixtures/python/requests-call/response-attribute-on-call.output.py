# fixture-options: entry=all
# Attributes read straight off the request's result: .ok is is_success in
# httpx; iter_content(), stream=True and a requests.Session are reported.
import httpx
import requests


def all_up(urls):
    return [requests.get(u).ok for u in urls]


async def code(url):
    async with httpx.AsyncClient(follow_redirects=True) as client:
        return (await client.get(url)).status_code


def chunks(url):
    return list(requests.get(url).iter_content(10))


def streamed(url):
    r = requests.get(url, stream=True)
    return r.status_code


def session(url):
    return requests.Session().get(url).json()
