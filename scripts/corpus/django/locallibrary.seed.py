# Sample data for the page checks of django-run.sh (run with `manage.py shell`; the
# user "corpus" exists already). Fixed ids so the extra paths of django-projects.tsv resolve.
import datetime
import uuid

from django.contrib.auth import get_user_model

from catalog.models import Author, Book, BookInstance, Genre, Language

user = get_user_model().objects.get(username="corpus")
genre = Genre.objects.create(name="Fantasy")
language = Language.objects.create(name="English")
author = Author.objects.create(first_name="Ursula", last_name="Le Guin", date_of_birth=datetime.date(1929, 10, 21))
book = Book.objects.create(title="A Wizard of Earthsea", author=author, summary="A mage's youth.", isbn="9780547773742", language=language)
book.genre.add(genre)
BookInstance.objects.create(id=uuid.UUID("00000000-0000-4000-8000-000000000001"), book=book, imprint="Parnassus 1968",
                            due_back=datetime.date.today() + datetime.timedelta(days=7), borrower=user, status="o")
BookInstance.objects.create(id=uuid.UUID("00000000-0000-4000-8000-000000000002"), book=book, imprint="Puffin 1971", status="a")
