from django.urls import path

from . import views

urlpatterns = [
    path("panels/count/", views.panel_count),
    path("panels/staff/", views.staff_list),
    path("panels/staff/by-module/", views.staff_list_by_module),
]
