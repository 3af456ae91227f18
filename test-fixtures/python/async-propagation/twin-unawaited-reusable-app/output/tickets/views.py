from django.http import JsonResponse

from tickets.models import aticket_count


async def tickets(request):
    return JsonResponse({"count": await aticket_count()})
