from .models import Note


def pin_note(note: Note):
    note.pinned = True
    note.save()
    return note


async def apin_note(note: Note):
    note.pinned = True
    await note.asave()
    return note
