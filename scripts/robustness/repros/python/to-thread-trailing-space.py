# awaitify robustness repro (--entry all), rule: subprocess-call (seen in
# Django's core/management/utils.py and db/backends/base/client.py).
# A multi-line call whose first argument starts on the next line.
# Expected:
#     await asyncio.to_thread(subprocess.run,
#         args,
# or, better, the callable joined to the next line's indentation; no line
# ends in a space.
# Actual (0.1.0): `    await asyncio.to_thread(subprocess.run, ` with a
# trailing space (flagged by flake8 W291 / ruff, and by `git diff --check`).
import subprocess


def f(args):
    subprocess.run(
        args,
        check=True,
    )
