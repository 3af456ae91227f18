from django.http import JsonResponse
from django.views import View

from . import services
from .services import stock_of


def product_stock(request, pk):
    return JsonResponse({"stock": stock_of(pk)})


class ProductView(View):
    def get(self, request, pk):
        return JsonResponse({"text": self.render_text(pk)})

    def head(self, request, pk):
        return JsonResponse({})

    def render_text(self, pk):
        return services.describe(pk)
