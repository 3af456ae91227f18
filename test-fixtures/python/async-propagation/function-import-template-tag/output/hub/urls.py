from django.urls import path

from . import views

urlpatterns = [
    path("panels/count/", views.panel_count),
]
