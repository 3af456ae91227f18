from django.urls import path

from shop import views

urlpatterns = [
    path("search/", views.search),
    path("recent/", views.recent),
]
