# fixture-options: entry=all
import subprocess


class Runner:
    def run(self, args):
        return args


def view(request, runner: Runner):
    runner.run(["ls"])
    return subprocess.PIPE
