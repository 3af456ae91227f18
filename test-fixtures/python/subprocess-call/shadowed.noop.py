# fixture-options: entry=all
def view(request, subprocess):
    return subprocess.run(["ls"])
