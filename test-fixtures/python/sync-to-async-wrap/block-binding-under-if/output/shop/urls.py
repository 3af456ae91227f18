from django.urls import path

from shop import views

urlpatterns = [
    path("ping/<str:code>/", views.ping),
    path("tags/", views.tags),
    path("parse/", views.parse),
    path("always/", views.always),
]
