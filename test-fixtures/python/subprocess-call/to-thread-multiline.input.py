# fixture-options: entry=all
# A multi-line call whose first argument starts on the next line: the comma
# after the callable ends the line, with no trailing space.
import subprocess


def f(args):
    subprocess.run(
        args,
        check=True,
    )
