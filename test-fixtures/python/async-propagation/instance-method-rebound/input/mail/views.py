# Method calls on a local bound more than once. Where every binding constructs a project
# class whose send() is the same method (BaseNotifier.send), the call is followed and the
# view awaits its twin. Where the bindings reach different methods, or one binding is a
# value awaitify cannot follow, the view stays sync with a finding at the call.
from django.http import HttpResponse

from .notify import LoggedNotifier, Notifier, SmsNotifier, notifier_for


def ping_branches(request):
    if request.GET.get("sms"):
        notifier = SmsNotifier()
    else:
        notifier = Notifier()
    notifier.send("ping")
    return HttpResponse("sent")


def ping_twice(request):
    notifier = Notifier()
    notifier.send("first")
    notifier = SmsNotifier()
    notifier.send("second")
    return HttpResponse("sent")


def ping_logged(request):
    notifier = Notifier()
    if request.GET.get("log"):
        notifier = LoggedNotifier()
    notifier.send("ping")
    return HttpResponse("sent")


def ping_factory(request):
    notifier = Notifier()
    if request.GET.get("channel"):
        notifier = notifier_for(request.GET["channel"])
    notifier.send("ping")
    return HttpResponse("sent")
