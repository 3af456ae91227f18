# fixture-options: entry=all
from django.http import HttpResponse


def initial(names):
    return names[0][:1]


def known(request, name):
    return HttpResponse(str(name in ("a", "b")))
