from django.urls import path

from shelf import views

urlpatterns = [path("total/", views.book_total)]
