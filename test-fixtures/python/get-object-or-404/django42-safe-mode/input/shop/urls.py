from django.urls import path

from shop import views

urlpatterns = [path("coupons/<int:pk>/", views.coupon_code)]
