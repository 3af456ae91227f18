from django.urls import path

from . import views

urlpatterns = [
    path("orders/", views.order_count),
    path("orders/first/", views.first_order),
    path("orders/total/", views.order_total),
    path("orders/last/", views.last_order),
    path("orders/any/", views.any_order),
]
