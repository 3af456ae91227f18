# fixture-options: entry=all
from asgiref.sync import sync_to_async
from django import forms
from django.db import models
from django.http import JsonResponse


class Book(models.Model):
    title = models.CharField(max_length=100)


class EntryForm(forms.Form):
    book = forms.ModelChoiceField(queryset=Book.objects.order_by("title"))


EntryFormSet = forms.formset_factory(EntryForm, extra=1)


async def pick_books(request):
    total = await Book.objects.acount()

    def _sync_block(request, total):
        formset = EntryFormSet(request.POST)
        if not formset.is_valid():
            return JsonResponse({"errors": formset.errors, "total": total}, status=400)
        return JsonResponse({"picked": len(formset.forms), "total": total})

    return await sync_to_async(_sync_block)(request, total)
