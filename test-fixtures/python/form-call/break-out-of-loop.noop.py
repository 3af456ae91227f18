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


def first_valid(request):
    count = Book.objects.count()
    for title in request.POST.getlist("title"):
        form = BookForm({"title": title})
        if form.is_valid():
            break
    return JsonResponse({"count": count, "title": title})
