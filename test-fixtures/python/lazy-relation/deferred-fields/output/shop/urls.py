from django.urls import path

from . import views

urlpatterns = [path("blurbs/", views.blurbs), path("titles/", views.titles), path("authors/", views.authors), path("listing/", views.listing)]
