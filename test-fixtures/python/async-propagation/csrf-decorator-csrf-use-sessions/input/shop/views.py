from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt, csrf_protect, ensure_csrf_cookie

from .models import Note


@csrf_protect
def add(request):
    note = Note.objects.create(text=request.POST.get("text", ""))
    return JsonResponse({"id": note.pk})


@ensure_csrf_cookie
def count(request):
    return JsonResponse({"n": Note.objects.count()})


@csrf_exempt
def hook(request):
    return JsonResponse({"n": Note.objects.count()})
