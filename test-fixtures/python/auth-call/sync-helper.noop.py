from django.contrib.auth import authenticate


def check(username, password):
    return authenticate(username=username, password=password) is not None
