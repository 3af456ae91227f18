# fixture-options: entry=all
def login(request, user):
    return user


def view(request):
    return login(request, None)
