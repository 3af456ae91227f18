from asgiref.sync import iscoroutinefunction, markcoroutinefunction

from shop.models import Visit


class VisitMiddleware:
    async_capable = True
    sync_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(self.get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        if request.user.is_authenticated:
            Visit.objects.create(path=request.path, username=request.user.username)
        return self.get_response(request)

    async def __acall__(self, request):
        user = await request.auser()
        if user.is_authenticated:
            await Visit.objects.acreate(path=request.path, username=user.username)
        return await self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if Visit.objects.filter(path=request.path).count() > 1000:
            request.popular = True
        return None
