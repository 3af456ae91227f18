# fixture-options: entry=all
# A Django application (manage.py at the root). --entry all chooses the methods that query;
# the template tags call them synchronously, so each keeps its sync form. `Notifier.archive`
# gets no async twin: no code that becomes async awaits an `archive`, so a twin would be dead
# code. The view awaits `Notifier.asend()`; awaitify does not follow which class a call
# dispatches to at run time, so every `send` keeps its twin (`LoudNotifier.send` too, although
# nothing awaits it by that name): an override must not be reached through the base's twin.
from shop.models import Note


class Notifier:
    @classmethod
    def send(cls, ticket_id):
        return Note.objects.create(ticket_id=ticket_id, text="changed")

    @classmethod
    async def asend(cls, ticket_id):
        return await Note.objects.acreate(ticket_id=ticket_id, text="changed")

    @classmethod
    def archive(cls, ticket_id):
        Note.objects.filter(ticket_id=ticket_id).delete()


class LoudNotifier(Notifier):
    @classmethod
    def send(cls, ticket_id):
        return Note.objects.create(ticket_id=ticket_id, text="CHANGED")

    @classmethod
    async def asend(cls, ticket_id):
        return await Note.objects.acreate(ticket_id=ticket_id, text="CHANGED")
