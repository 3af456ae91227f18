import time

from django.http import HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def poll(request):
    """Waits a little before answering."""
    time.sleep(0.5)
    return HttpResponse("ok")
