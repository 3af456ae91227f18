from django.urls import path, register_converter

from shop import converters

register_converter(converters.PageConverter, "page")

urlpatterns = []
