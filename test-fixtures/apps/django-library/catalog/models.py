from django.conf import settings
from django.db import models
from django.utils import timezone


class Author(models.Model):
    name = models.CharField(max_length=200)
    born = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Book(models.Model):
    title = models.CharField(max_length=300)
    isbn = models.CharField(max_length=20, unique=True)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")
    published = models.PositiveIntegerField()
    copies = models.PositiveIntegerField(default=1)
    times_borrowed = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.title

    def to_dict(self):
        return {
            "id": self.pk,
            "title": self.title,
            "isbn": self.isbn,
            "author": self.author.name,
            "published": self.published,
            "copies": self.copies,
        }


class MemberProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_profile")
    member_number = models.CharField(max_length=20, unique=True)

    def __str__(self):
        return self.member_number


class Loan(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="loans")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="loans")
    borrowed_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField()
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-borrowed_at"]

    def __str__(self):
        return f"{self.book_id} -> {self.user_id}"
