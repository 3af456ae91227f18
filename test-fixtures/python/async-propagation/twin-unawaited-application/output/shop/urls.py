from django.urls import path

from shop import views

urlpatterns = [path("tickets/", views.tickets)]
