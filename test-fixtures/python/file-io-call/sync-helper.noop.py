def read_config(path):
    with open(path) as fh:
        return fh.read()
