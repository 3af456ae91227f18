# fixture-options: django=5.1
def visits_middleware(get_response):
    def middleware(request):
        request.session["visits"] = request.session.get("visits", 0) + 1
        response = get_response(request)
        response["X-Visits"] = str(request.session.get("visits"))
        return response

    return middleware
