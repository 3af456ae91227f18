from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import JsonResponse


class Order(models.Model):
    total = models.IntegerField()


@login_required
def order_count(request):
    return JsonResponse({"count": Order.objects.count()})
