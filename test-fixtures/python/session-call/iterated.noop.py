# fixture-options: entry=all django=5.1
def dump(request):
    out = []
    for key in request.session:
        out.append(key)
    return out
