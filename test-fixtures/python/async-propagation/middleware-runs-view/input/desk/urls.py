from django.urls import path

from . import views

urlpatterns = [path("tickets/<int:pk>/", views.ticket)]
