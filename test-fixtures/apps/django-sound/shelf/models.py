from django.conf import settings
from django.db import models
from django.db.models import Avg
from django.utils import timezone


class Author(models.Model):
    name = models.CharField(max_length=120, unique=True)

    def __str__(self):
        return self.name


class Genre(models.Model):
    name = models.CharField(max_length=60, unique=True)

    def __str__(self):
        return self.name


class BookQuerySet(models.QuerySet):
    def available(self):
        return self.filter(copies__gt=0)

    def featured(self):
        return self.filter(featured=True).order_by("title")


class BookManager(models.Manager.from_queryset(BookQuerySet)):
    def newest(self):
        """The book added last, or None on an empty shelf."""
        return self.order_by("-added", "-id").first()


class Book(models.Model):
    title = models.CharField(max_length=200)
    isbn = models.CharField(max_length=13, unique=True)
    author = models.ForeignKey(Author, related_name="books", on_delete=models.PROTECT)
    genres = models.ManyToManyField(Genre, related_name="books", blank=True)
    copies = models.PositiveIntegerField(default=1)
    featured = models.BooleanField(default=False)
    added = models.DateTimeField(default=timezone.now)

    objects = BookManager()

    def __str__(self):
        return self.title

    def similar(self):
        """Titles of the other books by the same author."""
        return list(
            Book.objects.filter(author_id=self.author_id).exclude(pk=self.pk).order_by("title").values_list("title", flat=True)
        )

    def average_rating(self):
        return self.reviews.aggregate(average=Avg("rating"))["average"]


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, related_name="profile", on_delete=models.CASCADE)
    nickname = models.CharField(max_length=40, unique=True)
    favourite_genre = models.ForeignKey(Genre, null=True, blank=True, on_delete=models.SET_NULL)
    is_librarian = models.BooleanField(default=False)
    visits = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.nickname


class Review(models.Model):
    book = models.ForeignKey(Book, related_name="reviews", on_delete=models.CASCADE)
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="reviews", on_delete=models.CASCADE)
    rating = models.PositiveSmallIntegerField()
    text = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created", "id"]


class ReadingList(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="reading_lists", on_delete=models.CASCADE)
    name = models.CharField(max_length=80)
    books = models.ManyToManyField(Book, related_name="reading_lists", blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="one_list_name_per_owner")]

    def __str__(self):
        return self.name


class Notice(models.Model):
    text = models.CharField(max_length=200)
    active = models.BooleanField(default=True)

    def __str__(self):
        return self.text
