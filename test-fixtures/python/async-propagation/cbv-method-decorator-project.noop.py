# fixture-options: django=5.2
import functools

from django.db import models
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views import View


class Order(models.Model):
    total = models.IntegerField()


def audited(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Audited"] = "1"
        return response

    return wrapper


@method_decorator([audited], name="dispatch")
class OrderCount(View):
    def get(self, request):
        return JsonResponse({"count": Order.objects.count()})
