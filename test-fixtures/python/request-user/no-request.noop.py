# fixture-options: entry=all
def view(req, data):
    return data.user
