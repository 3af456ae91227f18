# fixture-options: entry=all
from asgiref.sync import sync_to_async
from django import forms
from django.db import models
from django.http import JsonResponse


class Book(models.Model):
    title = models.CharField(max_length=100, unique=True)


class BookForm(forms.ModelForm):
    class Meta:
        model = Book
        fields = ["title"]


async def add_book(request):
    count = await Book.objects.acount()
    if request.method == "POST":
        def _sync_block(request):
            saved_pk = BookForm(request.POST).save().pk
            return saved_pk

        saved_pk = await sync_to_async(_sync_block)(request)
    return JsonResponse({"count": count, "saved": saved_pk})
