from django.urls import path

from . import views

app_name = "shop"
urlpatterns = [
    path("", views.book_list, name="book_list"),
    path("authors/<int:pk>/", views.author_detail, name="author_detail"),
]
