import json

from asgiref.sync import sync_to_async
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import services
from .models import Author, Book, Loan, MemberProfile


def book_list(request):
    books = Book.objects.filter(copies__gt=0).order_by("title")
    query = request.GET.get("q", "").strip()
    if query:
        books = books.filter(title__icontains=query)
    context = {"books": books, "query": query, "total": Book.objects.count()}
    return render(request, "catalog/book_list.html", context)


def book_detail(request, pk):
    book = get_object_or_404(Book, pk=pk)
    available = services.copies_available(book)
    return render(request, "catalog/book_detail.html", {"book": book, "available": available})


def author_detail(request, pk):
    author = get_object_or_404(Author, pk=pk)
    books = author.books.order_by("published")
    return render(request, "catalog/author_detail.html", {"author": author, "books": books, "count": len(books)})


async def book_feed(request):
    """The catalogue for feed readers (written async from the start)."""
    books = await sync_to_async(list)(Book.objects.select_related("author").order_by("title"))
    return JsonResponse({"books": [await sync_to_async(book.to_dict)() for book in books]})


def greet(request):
    user = request.user
    if not user.is_authenticated:
        return JsonResponse({"message": "Hello, guest!"})
    body = {"message": f"Hello, {user.get_full_name() or user.get_username()}!"}
    profile = MemberProfile.objects.filter(user=user).first()
    if profile is not None:
        body["member_number"] = profile.member_number
    return JsonResponse(body)


def library_stats(request):
    return JsonResponse(services.library_stats())


def book_price(request, pk):
    book = get_object_or_404(Book, pk=pk)
    try:
        quote = services.fetch_price(book.isbn)
    except services.PricingUnavailable:
        return JsonResponse({"error": "the pricing service is busy, try again later"}, status=503)
    return JsonResponse({"book": book.pk, "isbn": book.isbn, **quote})


@require_POST
def checkout(request, pk):
    if not request.user.is_authenticated:
        return JsonResponse({"error": "log in to borrow books"}, status=401)
    book = get_object_or_404(Book, pk=pk)
    try:
        loan = services.checkout_book(book, request.user)
    except services.BookUnavailable:
        return JsonResponse({"error": f"every copy of {book.title} is on loan"}, status=409)
    return JsonResponse({"loan": loan.pk, "book": book.pk, "due_on": loan.due_on.isoformat()}, status=201)


@require_POST
def return_loan(request, pk):
    if not request.user.is_authenticated:
        return JsonResponse({"error": "log in to return books"}, status=401)
    loan = get_object_or_404(Loan, pk=pk, user=request.user)
    if loan.returned_at is not None:
        return JsonResponse({"error": "this loan was already returned"}, status=409)
    loan.returned_at = timezone.now()
    loan.save(update_fields=["returned_at"])
    services.forget_stats()
    return JsonResponse({"loan": loan.pk, "returned": True})


@method_decorator(csrf_exempt, name="dispatch")
class BookCollectionView(View):
    """The catalogue as JSON: list every book, or add one."""

    def get(self, request):
        books = []
        for book in Book.objects.select_related("author").order_by("title"):
            books.append(book.to_dict())
        return JsonResponse({"count": len(books), "books": books})

    def post(self, request):
        try:
            payload = json.loads(request.body)
            title, isbn, author_id = payload["title"], payload["isbn"], payload["author"]
            published = int(payload["published"])
        except (ValueError, KeyError, TypeError):
            return JsonResponse({"error": "title, isbn, author and published are required"}, status=400)
        try:
            author = Author.objects.get(pk=author_id)
        except Author.DoesNotExist:
            return JsonResponse({"error": f"no author {author_id}"}, status=400)
        if Book.objects.filter(isbn=isbn).exists():
            return JsonResponse({"error": f"a book with ISBN {isbn} exists"}, status=409)
        book = Book.objects.create(title=title, isbn=isbn, author=author, published=published)
        services.forget_stats()
        return JsonResponse(book.to_dict(), status=201)


@method_decorator(csrf_exempt, name="dispatch")
class BookResourceView(View):
    """One book as JSON: read it, change its number of copies, or withdraw it."""

    def get(self, request, pk):
        book = get_object_or_404(Book.objects.select_related("author"), pk=pk)
        return JsonResponse(book.to_dict())

    def post(self, request, pk):
        book = get_object_or_404(Book.objects.select_related("author"), pk=pk)
        try:
            copies = int(json.loads(request.body)["copies"])
        except (ValueError, KeyError, TypeError):
            return JsonResponse({"error": "copies is required"}, status=400)
        book.copies = copies
        book.save()
        return JsonResponse(book.to_dict())

    def delete(self, request, pk):
        book = get_object_or_404(Book, pk=pk)
        book.delete()
        services.forget_stats()
        return JsonResponse({"deleted": pk})
