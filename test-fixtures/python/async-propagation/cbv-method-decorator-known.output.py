# fixture-options: django=5.2
from django.db import models
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


class Order(models.Model):
    total = models.IntegerField()


@method_decorator([never_cache, require_GET], name="dispatch")
class OrderCount(View):
    async def get(self, request):
        return JsonResponse({"count": await Order.objects.acount()})
