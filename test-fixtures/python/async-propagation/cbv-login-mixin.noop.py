from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import models
from django.http import JsonResponse
from django.views import View


class Order(models.Model):
    total = models.IntegerField()


class OrderCount(LoginRequiredMixin, View):
    def get(self, request):
        return JsonResponse({"count": Order.objects.count()})
