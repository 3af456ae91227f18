from django.http import JsonResponse

from . import services


def stats(request):
    return JsonResponse(services.summary())
