from django.http import JsonResponse

from .models import Note
from .services import apin_note


async def pin(request, pk):
    note = await Note.objects.aget(pk=pk)
    await apin_note(note)
    return JsonResponse({"pinned": note.pinned})
