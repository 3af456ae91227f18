# fixture-options: entry=all
import subprocess


def revision(request):
    result = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True)
    out = subprocess.check_output(["git", "log", "-1"], cwd="/srv")
    code = subprocess.call(["true"])
    return result.stdout, out, code
