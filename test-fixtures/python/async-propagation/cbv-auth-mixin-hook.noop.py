# fixture-options: entry=all
# form_valid() of an UpdateView behind LoginRequiredMixin is called by Django's view
# machinery synchronously: it stays sync, and the report names the view base it
# overrides (the mixin from django.contrib.auth does not make it a model method).
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import models
from django.views.generic import UpdateView


class Ticket(models.Model):
    title = models.CharField(max_length=100)
    edits = models.IntegerField(default=0)


class TicketUpdateView(LoginRequiredMixin, UpdateView):
    model = Ticket
    fields = ["title"]

    def form_valid(self, form):
        Ticket.objects.filter(pk=self.object.pk).update(edits=models.F("edits") + 1)
        return super().form_valid(form)
