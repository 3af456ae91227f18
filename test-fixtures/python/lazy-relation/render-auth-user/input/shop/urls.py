from django.urls import path

from shop import views

urlpatterns = [path("items/<int:pk>/", views.item_detail)]
