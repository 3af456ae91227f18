from django.http import JsonResponse


def whoami(request):
    return JsonResponse({"name": request.user.get_username()})
