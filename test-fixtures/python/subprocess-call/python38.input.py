# fixture-options: entry=all python=3.8
import subprocess


def run_tool(request, cmd):
    return subprocess.run(cmd, shell=True).returncode
