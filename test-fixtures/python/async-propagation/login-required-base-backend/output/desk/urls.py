from django.urls import path

from . import views

urlpatterns = [
    path("open/", views.open_tickets),
    path("<int:pk>/close/", views.close_ticket),
    path("<int:pk>/", views.TicketView.as_view()),
]
