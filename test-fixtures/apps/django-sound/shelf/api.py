"""The club's JSON API (Django REST framework): token or session authentication."""
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.response import Response
from rest_framework.views import APIView

from . import services
from .models import Author, Book, Genre, Profile, ReadingList


class IsLibrarianOrReadOnly(permissions.BasePermission):
    message = "Only librarians may change the catalogue."

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return request.user.is_authenticated and Profile.objects.filter(user=request.user, is_librarian=True).exists()


class BookSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="name", queryset=Author.objects.all())
    genres = serializers.SlugRelatedField(slug_field="name", many=True, queryset=Genre.objects.all(), required=False)

    class Meta:
        model = Book
        fields = ["id", "title", "isbn", "author", "genres", "copies"]


class BookViewSet(viewsets.ModelViewSet):
    queryset = Book.objects.order_by("id")
    serializer_class = BookSerializer
    permission_classes = [IsLibrarianOrReadOnly]

    @action(detail=True, methods=["get"])
    def similar(self, request, pk=None):
        return Response({"similar": self.get_object().similar()})


class MeView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request):
        user = request.user
        return Response(
            {
                "username": user.username,
                "nickname": user.profile.nickname if hasattr(user, "profile") else None,
                "lists": [reading_list.name for reading_list in ReadingList.objects.filter(owner=user).order_by("name")],
                "authenticated_by": type(request.successful_authenticator).__name__,
            }
        )


@api_view(["GET"])
@permission_classes([permissions.AllowAny])
def api_stats(request):
    return Response(services.shelf_summary())


@api_view(["POST"])
@permission_classes([permissions.IsAuthenticated])
def api_save_for_later(request, pk):
    book = Book.objects.filter(pk=pk).first()
    if book is None:
        return Response({"error": "no such book"}, status=404)
    later, _ = ReadingList.objects.get_or_create(owner=request.user, name="Later")
    later.books.add(book)
    return Response({"list": later.name, "books": sorted(later.books.values_list("title", flat=True))})
