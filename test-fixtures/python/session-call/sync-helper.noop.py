# fixture-options: django=5.1
def remember(request, value):
    request.session["value"] = value
    return request.session.get("value")
