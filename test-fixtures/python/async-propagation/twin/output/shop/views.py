from django.http import JsonResponse
from django.views import View

from . import services
from .services import astock_of


async def product_stock(request, pk):
    return JsonResponse({"stock": await astock_of(pk)})


class ProductView(View):
    async def get(self, request, pk):
        return JsonResponse({"text": await self.arender_text(pk)})

    async def head(self, request, pk):
        return JsonResponse({})

    def render_text(self, pk):
        return services.describe(pk)

    async def arender_text(self, pk):
        return await services.adescribe(pk)
