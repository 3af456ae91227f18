from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("items", views.ItemViewSet, basename="item")
urlpatterns = [path("api/", include(router.urls)), path("count/", views.Count.as_view()), path("summary/", views.summary), path("plain/", views.plain)]
