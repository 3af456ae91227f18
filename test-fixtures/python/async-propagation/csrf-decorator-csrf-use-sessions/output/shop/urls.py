from django.urls import path

from . import views

urlpatterns = [path("add/", views.add), path("count/", views.count), path("hook/", views.hook)]
