from django.urls import path

from . import views

urlpatterns = [
    path("tickets/count/", views.ticket_count),
    path("tickets/<int:ticket_id>/close/", views.close_ticket),
]
