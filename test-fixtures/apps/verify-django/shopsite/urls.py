from django.urls import path

from store import views

urlpatterns = [
    path("products/<int:pk>/", views.product_detail),
    path("products/count/", views.product_count),
    path("products/cheapest/", views.cheapest),
    path("products/newest/", views.newest),
    path("products/in-stock/", views.in_stock),
    path("products/names/", views.names),
]
