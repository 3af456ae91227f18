# fixture-options: entry=all
from asgiref.sync import sync_to_async
from django import forms
from django.db import models
from django.http import JsonResponse
from django.shortcuts import redirect


class Book(models.Model):
    title = models.CharField(max_length=100, unique=True)


class BookForm(forms.ModelForm):
    class Meta:
        model = Book
        fields = ["title"]


async def add_book(request):
    count = await Book.objects.acount()

    def _sync_block(request, count):
        form = BookForm(request.POST)
        if form.is_valid():
            form.save()
            return redirect("books")
        return JsonResponse({"errors": form.errors, "count": count}, status=400)

    return await sync_to_async(_sync_block)(request, count)
