from django.urls import path

from . import views

urlpatterns = [
    path("rates/", views.rates),
    path("stock/", views.stock),
    path("feed/", views.feed),
]
