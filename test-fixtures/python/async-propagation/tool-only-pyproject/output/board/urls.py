from django.urls import path

from board import views

urlpatterns = [path("count/", views.card_count)]
