import subprocess


def build():
    subprocess.run(["make"], check=True)
