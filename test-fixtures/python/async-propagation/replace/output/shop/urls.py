from django.urls import path

from .views import product_stock

urlpatterns = [path("<int:pk>/", product_stock)]
