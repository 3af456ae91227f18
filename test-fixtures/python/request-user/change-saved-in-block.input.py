# fixture-options: entry=all
from django.http import HttpResponse
from django.utils import timezone


def mark_seen(request):
    request.user.last_seen = timezone.now()
    request.user.save()
    return HttpResponse()
