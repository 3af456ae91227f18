# fixture-options: entry=all
from django.db import models


class Tag(models.Model):
    name = models.CharField(max_length=20)


class Book(models.Model):
    title = models.CharField(max_length=100)
    tags = models.ManyToManyField(Tag, related_name="books")


def retitle(request, pk):
    book = Book.objects.get(pk=pk)
    book.title = request.POST["title"]
    book.save(update_fields=["title"])
    tag = Tag.objects.create(name="new")
    book.tags.add(tag)
    book.tags.remove(tag)
    tag.books.clear()
    book.refresh_from_db()
    draft = Book(title="draft")
    draft.save()
    draft.delete()
    return book


def annotated(request, book: Book):
    book.save()
