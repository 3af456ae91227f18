# fixture-options: entry=all safety=safe
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


def add_book(request):
    count = Book.objects.count()
    form = BookForm(request.POST)
    if form.is_valid():
        form.save()
        return redirect("books")
    return JsonResponse({"errors": form.errors, "count": count}, status=400)
