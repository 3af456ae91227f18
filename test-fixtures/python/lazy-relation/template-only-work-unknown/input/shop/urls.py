from django.urls import path

from . import views

urlpatterns = [path("shelf/", views.shelf), path("blurbs/", views.blurbs)]
