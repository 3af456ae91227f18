import time


def cleanup():
    time.sleep(1)


def nightly():
    cleanup()


if __name__ == "__main__":
    nightly()
