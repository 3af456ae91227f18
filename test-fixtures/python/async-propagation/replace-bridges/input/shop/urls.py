from django.urls import path

from .views import restock_view

urlpatterns = [path("<int:pk>/restock/", restock_view)]
