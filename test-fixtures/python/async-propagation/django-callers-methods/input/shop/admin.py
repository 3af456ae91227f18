import time

from django.contrib import admin

from shop.models import Page


def archive(modeladmin, request, queryset):
    time.sleep(0.01)


class PageAdmin(admin.ModelAdmin):
    actions = [archive]


admin.site.register(Page, PageAdmin)
