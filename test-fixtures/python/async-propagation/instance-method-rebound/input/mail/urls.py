from django.urls import path

from . import views

urlpatterns = [
    path("ping/branches/", views.ping_branches),
    path("ping/twice/", views.ping_twice),
    path("ping/logged/", views.ping_logged),
    path("ping/factory/", views.ping_factory),
]
