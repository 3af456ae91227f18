# fixture-options: entry=all
import time

import requests


def fetch_price(url, attempts):
    for attempt in range(1, attempts + 1):
        response = requests.get(url, headers={"Accept": "application/json"}, timeout=5)
        if response.status_code != 503:
            break
        time.sleep(0.1 * attempt)
    else:
        raise RuntimeError(url)
    return response.json()


def poll(url, verify):
    while True:
        status = requests.get(url, verify=verify).json()["status"]
        if status == "done":
            return status
        requests.post(url + "/nudge", verify=verify)
