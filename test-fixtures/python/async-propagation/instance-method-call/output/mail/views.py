# Views whose only blocking work is a method of a project class, called on an instance:
# `Notifier().send()` and a local bound once to `Notifier()` reach BaseNotifier.send through
# the class's bases, so both views await its twin. A local bound twice may hold either class:
# awaitify cannot tell which send() runs, and that view stays sync, named in a finding at the call.
from django.http import HttpResponse

from .notify import Notifier, QuietNotifier


async def ping(request):
    await Notifier().asend("ping")
    return HttpResponse("sent")


async def ping_local(request):
    notifier = Notifier()
    await notifier.asend("ping")
    return HttpResponse("sent")


def ping_rebound(request):
    notifier = Notifier()
    if request.GET.get("quiet"):
        notifier = QuietNotifier()
    notifier.send("ping")
    return HttpResponse("sent")
