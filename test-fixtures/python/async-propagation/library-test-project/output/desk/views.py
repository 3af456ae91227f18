from django.http import JsonResponse

from desk.models import adesk_count


async def counter(request):
    return JsonResponse({"desks": await adesk_count()})
