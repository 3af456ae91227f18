from django.urls import path

from . import views

urlpatterns = [
    path("shelf/<code>/", views.shelf),
    path("loans/", views.loans),
    path("labels/", views.labels),
    path("tags/", views.tags),
]
