from django.db import models
from django.views.generic import ListView


class Book(models.Model):
    title = models.CharField(max_length=100)


class BookList(ListView):
    model = Book

    def post(self, request):
        Book.objects.create(title=request.POST["title"])
