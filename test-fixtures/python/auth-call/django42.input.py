# fixture-options: entry=all django=4.2
from django.contrib.auth import logout


def sign_out(request):
    logout(request)
