# fixture-options: entry=all
import subprocess


def run_tool(request, cmd):
    result = subprocess.run(cmd, shell=True, capture_output=True)
    return result.returncode
