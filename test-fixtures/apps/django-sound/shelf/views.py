from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from . import services
from .decorators import librarian_required
from .forms import BookForm, EntryFormSet, ProfileForm, ReviewForm, SignInForm, SuggestionForm
from .models import Author, Book, Genre, Notice, ReadingList, Review


def home(request):
    newest = services.latest_book()
    featured = Book.objects.featured()
    last_seen = request.session.get("last_seen_title")
    return render(request, "shelf/home.html", {"newest": newest, "featured": featured, "last_seen": last_seen})


def book_detail(request, pk):
    book = get_object_or_404(Book, pk=pk)
    author_name = book.author.name
    request.session["last_seen_title"] = book.title
    seen = request.session.get("seen", [])
    if book.pk not in seen:
        seen.append(book.pk)
        request.session["seen"] = seen
    context = {
        "book": book,
        "author_name": author_name,
        "similar": book.similar(),
        "rating": book.average_rating(),
        "seen_count": len(seen),
        "review_form": ReviewForm(),
    }
    return render(request, "shelf/book_detail.html", context)


def author_detail(request, pk):
    author = get_object_or_404(Author, pk=pk)
    titles = list(author.books.order_by("title").values_list("title", flat=True))
    return JsonResponse({"name": author.name, "books": titles})


def latest_notice(request):
    notice = Notice.objects.filter(active=True).order_by("-id").first()
    return JsonResponse({"notice": notice.text if notice else None})


def genre_list(request):
    return render(request, "shelf/genres.html", {"genres": Genre.objects.order_by("name")})


def catalogue(request):
    """The titles and ISBNs: the query loads only the titles, so each ISBN the template reads is a query."""
    books = Book.objects.only("title").order_by("title")
    return render(request, "shelf/catalogue.html", {"books": books})


def titles(request):
    """Title and ISBN of each book, from a query that defers the ISBN (each read of it is a query)."""
    rows = []
    for book in Book.objects.defer("isbn").order_by("id"):
        rows.append(f"{book.title} ({book.isbn})")
    return JsonResponse({"books": rows})


def availability(request, pk):
    """Indexing and `in` on a QuerySet, in helpers that only see a parameter."""
    available = Book.objects.available().order_by("title")
    book = get_object_or_404(Book, pk=pk)
    return JsonResponse({"first": services.first_title(available), "available": services.holds(available, book)})


@csrf_protect
def note(request):
    """A note for the librarians (not shown on the shelf); its CSRF check is the view's own."""
    if request.method == "POST":
        Notice.objects.create(text=request.POST.get("text", "")[:200], active=False)
        return JsonResponse({"notes": Notice.objects.filter(active=False).count()}, status=201)
    return render(request, "shelf/note.html")


def stats(request):
    return JsonResponse(services.shelf_summary())


def cover(request, pk):
    book = get_object_or_404(Book, pk=pk)
    return JsonResponse({"isbn": book.isbn, "cover": services.cover_status(book.isbn)})


@login_required
def profile(request):
    if not hasattr(request.user, "profile"):
        messages.info(request, "Pick a nickname to start your profile.")
        return redirect("shelf:edit-profile")
    profile = request.user.profile
    profile.visits += 1
    profile.save(update_fields=["visits"])
    profile.refresh_from_db()
    lists = request.user.reading_lists.order_by("name")
    return render(request, "shelf/profile.html", {"profile": profile, "lists": lists})


@login_required
def edit_profile(request):
    instance = request.user.profile if hasattr(request.user, "profile") else None
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=instance)
        if form.is_valid():
            profile = form.save(commit=False)
            profile.user = request.user
            profile.save()
            messages.success(request, "Profile saved.")
            return redirect("shelf:profile")
    else:
        form = ProfileForm(instance=instance)
    return render(request, "shelf/edit_profile.html", {"form": form}, status=400 if form.errors else 200)


@require_POST
@login_required
def add_review(request, pk):
    book = get_object_or_404(Book, pk=pk)
    form = ReviewForm(request.POST, reader=request.user, book=book)
    if form.is_valid():
        Review.objects.create(book=book, reader=request.user, **form.cleaned_data)
        messages.success(request, f"Thanks for reviewing {book.title}.")
        return redirect("shelf:book", pk=book.pk)
    return render(request, "shelf/review_rejected.html", {"book": book, "form": form}, status=400)


@require_POST
@login_required
def delete_review(request, pk):
    review = get_object_or_404(Review, pk=pk)
    if review.reader_id != request.user.pk:
        return JsonResponse({"error": "not your review"}, status=403)
    review.delete()
    return JsonResponse({"deleted": pk})


@require_POST
@login_required
def save_for_later(request, pk):
    book = get_object_or_404(Book, pk=pk)
    later, created = ReadingList.objects.get_or_create(owner=request.user, name="Later")
    later.books.add(book)
    return JsonResponse({"list": later.name, "created": created, "books": later.books.count()})


@login_required
def suggest(request):
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.session["suggested"] = form.cleaned_data["isbn"]
        messages.success(request, f"Thanks, we will look for {form.cleaned_data['isbn']}.")
        return redirect("shelf:home")
    return render(request, "shelf/suggest.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def reading_list(request, pk):
    reading_list = get_object_or_404(ReadingList, pk=pk, owner=request.user)
    if request.method == "POST":
        formset = EntryFormSet(request.POST)
        if formset.is_valid():
            books = [form.cleaned_data["book"] for form in formset if form.cleaned_data and not form.cleaned_data.get("DELETE")]
            reading_list.books.set(books)
            messages.success(request, f"{reading_list.name} now has {len(books)} books.")
            return redirect("shelf:reading-list", pk=reading_list.pk)
    else:
        formset = EntryFormSet(initial=[{"book": book} for book in reading_list.books.order_by("title")])
    return render(request, "shelf/reading_list.html", {"reading_list": reading_list, "formset": formset})


@librarian_required
def add_book(request):
    if request.method == "POST":
        form = BookForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                book = form.save()
                Notice.objects.create(text=f"New on the shelf: {book.title}")
            messages.success(request, f"Added {book.title}.")
            return redirect("shelf:book", pk=book.pk)
    else:
        form = BookForm()
    return render(request, "shelf/add_book.html", {"form": form}, status=400 if form.errors else 200)


@require_POST
@librarian_required
def import_books(request):
    """Adds the books of a `title|isbn|author` line each: all of them, or none."""
    lines = [line.split("|") for line in request.POST.get("books", "").splitlines() if line.strip()]
    if not lines or any(len(parts) != 3 for parts in lines):
        return JsonResponse({"error": "one title|isbn|author per line"}, status=400)
    try:
        with transaction.atomic():
            books = []
            for title, isbn, name in lines:
                author, _ = Author.objects.get_or_create(name=name.strip())
                books.append(Book(title=title.strip(), isbn=isbn.strip(), author=author))
            created = Book.objects.bulk_create(books)
    except IntegrityError:
        return JsonResponse({"error": "an ISBN is already on the shelf"}, status=409)
    return JsonResponse({"created": len(created)}, status=201)


def sign_in(request):
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["email"], password=form.cleaned_data["password"])
        if user is not None:
            login(request, user)
            request.session["signed_in_via"] = "email"
            messages.success(request, f"Welcome back, {user.username}.")
            return redirect("shelf:home")
        form.add_error(None, "Unknown email or password.")
    return render(request, "shelf/sign_in.html", {"form": form}, status=400 if form.errors else 200)


@require_POST
def sign_out(request):
    logout(request)
    messages.info(request, "Signed out.")
    return redirect("shelf:home")


@method_decorator(never_cache, name="dispatch")
class ShelfView(LoginRequiredMixin, View):
    """The signed-in reader's reading lists."""

    def get(self, request):
        lists = ReadingList.objects.filter(owner=request.user).order_by("name")
        context = {"lists": lists, "signed_in_via": request.session.get("signed_in_via", "login page")}
        return render(request, "shelf/shelf.html", context)


@method_decorator(librarian_required, name="dispatch")
class InventoryView(View):
    def get(self, request):
        rows = [{"title": book.title, "author": book.author.name, "copies": book.copies} for book in Book.objects.order_by("title")]
        return JsonResponse({"books": rows})

    def post(self, request):
        book = get_object_or_404(Book, pk=request.POST.get("book"))
        book.copies = int(request.POST.get("copies", book.copies))
        book.save(update_fields=["copies"])
        return JsonResponse({"title": book.title, "copies": book.copies})
