from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("", views.book_list, name="book_list"),
    path("books/<int:pk>/", views.book_detail, name="book_detail"),
    path("authors/<int:pk>/", views.author_detail, name="author_detail"),
    path("hello/", views.greet, name="greet"),
    path("books/<int:pk>/checkout/", views.checkout, name="checkout"),
    path("loans/<int:pk>/return/", views.return_loan, name="return_loan"),
    path("api/stats/", views.library_stats, name="stats"),
    path("api/books/", views.BookCollectionView.as_view(), name="api_books"),
    path("api/books/<int:pk>/", views.BookResourceView.as_view(), name="api_book"),
    path("api/books/<int:pk>/price/", views.book_price, name="api_book_price"),
    path("api/feed/", views.book_feed, name="api_feed"),
]
