# fixture-options: entry=all
from django import forms
from django.db import models
from django.http import JsonResponse


class Book(models.Model):
    title = models.CharField(max_length=100, unique=True)


class BookForm(forms.ModelForm):
    class Meta:
        model = Book
        fields = ["title"]


def add_book(request):
    count = Book.objects.count()
    if request.method == "POST":
        saved_pk = BookForm(request.POST).save().pk
    return JsonResponse({"count": count, "saved": saved_pk})
