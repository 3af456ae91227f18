# fixture-options: django=5.1
from django.db import models
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache


class Order(models.Model):
    total = models.IntegerField()


@method_decorator(never_cache, name="dispatch")
class OrderCount(View):
    def get(self, request):
        return JsonResponse({"count": Order.objects.count()})
