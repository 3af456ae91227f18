from django.urls import path

from . import views

urlpatterns = [
    path("price/<str:sku>/", views.price),
]
