from django.shortcuts import render

from shop.models import Section


def nav(request):
    return {"sections": list(Section.objects.all())}
