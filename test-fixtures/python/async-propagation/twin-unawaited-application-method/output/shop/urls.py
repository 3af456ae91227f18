from django.urls import path

from shop import views

urlpatterns = [path("tickets/<int:ticket_id>/notify/", views.notify)]
