from django.urls import path

from shop import views

urlpatterns = [path("copies/<int:pk>/", views.copies)]
