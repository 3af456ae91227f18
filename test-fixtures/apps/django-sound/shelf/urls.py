from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import api, views

app_name = "shelf"

router = DefaultRouter()
router.register("books", api.BookViewSet, basename="api-book")

urlpatterns = [
    path("", views.home, name="home"),
    path("books/new/", views.add_book, name="add-book"),
    path("books/import/", views.import_books, name="import-books"),
    path("books/<int:pk>/", views.book_detail, name="book"),
    path("books/<int:pk>/review/", views.add_review, name="add-review"),
    path("books/<int:pk>/later/", views.save_for_later, name="save-for-later"),
    path("books/<int:pk>/cover/", views.cover, name="cover"),
    path("reviews/<int:pk>/delete/", views.delete_review, name="delete-review"),
    path("authors/<int:pk>/", views.author_detail, name="author"),
    path("genres/", views.genre_list, name="genres"),
    path("notices/latest/", views.latest_notice, name="latest-notice"),
    path("stats/", views.stats, name="stats"),
    path("note/", views.note, name="note"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("titles/", views.titles, name="titles"),
    path("books/<int:pk>/availability/", views.availability, name="availability"),
    path("me/", views.profile, name="profile"),
    path("me/edit/", views.edit_profile, name="edit-profile"),
    path("suggest/", views.suggest, name="suggest"),
    path("lists/<int:pk>/", views.reading_list, name="reading-list"),
    path("shelf/", views.ShelfView.as_view(), name="shelf"),
    path("inventory/", views.InventoryView.as_view(), name="inventory"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("api/me/", api.MeView.as_view(), name="api-me"),
    path("api/stats/", api.api_stats, name="api-stats"),
    path("api/books/<int:pk>/later/", api.api_save_for_later, name="api-save-for-later"),
    path("api/", include(router.urls)),
]
