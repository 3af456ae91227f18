from django.urls import path

from shop import views

urlpatterns = [
    path("total/<str:owner>/", views.order_total),
    path("api/total/<str:owner>/", views.OrderTotal.as_view()),
]
