from .models import Note


def pin_note(note: Note):
    note.pinned = True
    note.save()
    return note
