from shop.models import Book


def owned(request):
    return Book.objects.filter(title=request.user.username).count()
