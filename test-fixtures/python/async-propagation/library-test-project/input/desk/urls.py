from django.urls import path

from desk import views

urlpatterns = [path("desks/", views.counter)]
