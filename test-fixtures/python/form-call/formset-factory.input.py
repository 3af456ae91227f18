# fixture-options: entry=all
from django import forms
from django.db import models
from django.http import JsonResponse


class Book(models.Model):
    title = models.CharField(max_length=100)


class EntryForm(forms.Form):
    book = forms.ModelChoiceField(queryset=Book.objects.order_by("title"))


EntryFormSet = forms.formset_factory(EntryForm, extra=1)


def pick_books(request):
    total = Book.objects.count()
    formset = EntryFormSet(request.POST)
    if not formset.is_valid():
        return JsonResponse({"errors": formset.errors, "total": total}, status=400)
    return JsonResponse({"picked": len(formset.forms), "total": total})
