from django.urls import path

from . import views

urlpatterns = [path("books/", views.book_list), path("authors/", views.authors), path("empty/", views.empty)]
