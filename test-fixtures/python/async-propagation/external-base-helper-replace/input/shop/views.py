from django.http import JsonResponse

from shop.helpers import owned


def count(request):
    return JsonResponse({"n": owned(request)})
