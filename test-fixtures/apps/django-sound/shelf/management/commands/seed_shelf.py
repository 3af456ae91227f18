"""Fills an empty database with the club's shelf: the same rows every time."""
from datetime import datetime, timezone

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token

from shelf.models import Author, Book, Genre, Notice, Profile, ReadingList, Review

PASSWORD = "correct horse battery"
TOKENS = {"ada": "adatoken" * 5, "brian": "briantoken" * 4}

BOOKS = [
    # title, isbn, author, genres, copies, featured, added (day of March 2024)
    ("A Wizard of Earthsea", "9780547773742", "Ursula K. Le Guin", ["Fantasy"], 2, True, 1),
    ("The Dispossessed", "9780061054884", "Ursula K. Le Guin", ["Science fiction"], 0, True, 2),
    ("Guards! Guards!", "9780062225757", "Terry Pratchett", ["Fantasy", "Satire"], 3, True, 3),
    ("Small Gods", "9780062237378", "Terry Pratchett", ["Fantasy", "Satire"], 1, False, 4),
    ("Kindred", "9780807083697", "Octavia E. Butler", ["Science fiction"], 1, False, 5),
]


class Command(BaseCommand):
    help = "Adds the reading club's books, readers (ada, a librarian; brian, without a profile) and their API tokens."

    @transaction.atomic
    def handle(self, *args, **options):
        if Book.objects.exists():
            raise CommandError("the shelf is not empty")
        genres = {name: Genre.objects.create(name=name) for name in ["Fantasy", "Satire", "Science fiction"]}
        books = {}
        for title, isbn, author_name, genre_names, copies, featured, day in BOOKS:
            author, _ = Author.objects.get_or_create(name=author_name)
            book = Book.objects.create(
                title=title,
                isbn=isbn,
                author=author,
                copies=copies,
                featured=featured,
                added=datetime(2024, 3, day, 12, 0, tzinfo=timezone.utc),
            )
            book.genres.set([genres[name] for name in genre_names])
            books[title] = book
        User = get_user_model()
        ada = User.objects.create_user("ada", "ada@club.example", PASSWORD)
        brian = User.objects.create_user("brian", "brian@club.example", PASSWORD)
        Profile.objects.create(user=ada, nickname="Countess", favourite_genre=genres["Science fiction"], is_librarian=True)
        Review.objects.create(
            book=books["A Wizard of Earthsea"], reader=brian, rating=4, text="Quiet and deep.",
            created=datetime(2024, 3, 10, 9, 0, tzinfo=timezone.utc),
        )
        Review.objects.create(
            book=books["Guards! Guards!"], reader=ada, rating=5, text="The dragon!",
            created=datetime(2024, 3, 11, 9, 0, tzinfo=timezone.utc),
        )
        summer = ReadingList.objects.create(owner=ada, name="Summer")
        summer.books.set([books["A Wizard of Earthsea"], books["Guards! Guards!"]])
        Notice.objects.create(text="The club meets on Thursday.")
        for user in (ada, brian):
            Token.objects.create(user=user, key=TOKENS[user.username])
        self.stdout.write(f"seeded {Book.objects.count()} books and {User.objects.count()} readers")
