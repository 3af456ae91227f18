# fixture-options: entry=all
from django.db import models


class Tag(models.Model):
    name = models.CharField(max_length=20)


class Book(models.Model):
    title = models.CharField(max_length=100)
    tags = models.ManyToManyField(Tag, related_name="books")


async def retitle(request, pk):
    book = await Book.objects.aget(pk=pk)
    book.title = request.POST["title"]
    await book.asave(update_fields=["title"])
    tag = await Tag.objects.acreate(name="new")
    await book.tags.aadd(tag)
    await book.tags.aremove(tag)
    await tag.books.aclear()
    await book.arefresh_from_db()
    draft = Book(title="draft")
    await draft.asave()
    await draft.adelete()
    return book


async def annotated(request, book: Book):
    await book.asave()
