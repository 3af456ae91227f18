from django.urls import path

from . import views

urlpatterns = [
    path("", views.book_list),
    path("<int:pk>/", views.book_detail),
    path("<int:pk>/shout/", views.shouting),
    path("<int:pk>/author/", views.author_of),
]
