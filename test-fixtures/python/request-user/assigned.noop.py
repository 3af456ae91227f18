# fixture-options: entry=all
def impersonate(request, other):
    request.user = other
    return request.user
