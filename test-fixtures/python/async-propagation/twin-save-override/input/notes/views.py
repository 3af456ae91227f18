from django.http import JsonResponse

from .models import Note
from .services import pin_note


def pin(request, pk):
    note = Note.objects.get(pk=pk)
    pin_note(note)
    return JsonResponse({"pinned": note.pinned})
