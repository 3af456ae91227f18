from django.urls import path

from shop import views

urlpatterns = [
    path("orders/", views.OrderList.as_view()),
    path("orders/<int:pk>/", views.OrderDetail.as_view()),
    path("orders/count/", views.order_count),
]
