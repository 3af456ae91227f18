# fixture-options: django=5.1
from asgiref.sync import iscoroutinefunction
from django.utils.decorators import sync_and_async_middleware


@sync_and_async_middleware
def visits_middleware(get_response):
    def middleware(request):
        request.session["visits"] = request.session.get("visits", 0) + 1
        response = get_response(request)
        response["X-Visits"] = str(request.session.get("visits"))
        return response

    async def amiddleware(request):
        await request.session.aset("visits", await request.session.aget("visits", 0) + 1)
        response = await get_response(request)
        response["X-Visits"] = str(await request.session.aget("visits"))
        return response

    if iscoroutinefunction(get_response):
        return amiddleware
    return middleware
