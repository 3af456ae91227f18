from django.urls import path

from . import views

urlpatterns = [path("orders/", views.order_count), path("orders/total/", views.order_total)]
