from django.http import JsonResponse

from desk.models import desk_count


def counter(request):
    return JsonResponse({"desks": desk_count()})
