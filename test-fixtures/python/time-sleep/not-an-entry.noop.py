import time


def retry_forever(job):
    while not job():
        time.sleep(1)
