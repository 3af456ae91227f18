from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/", views.product_stock),
    path("p/<int:pk>/", views.ProductView.as_view()),
]
