from django.urls import path

from . import views

urlpatterns = [
    path("ping/", views.ping),
    path("ping/local/", views.ping_local),
    path("ping/rebound/", views.ping_rebound),
]
