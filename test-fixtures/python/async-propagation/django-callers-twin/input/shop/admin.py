from django.contrib import admin

from shop.models import Item


@admin.action(description="Rename to upper case")
def shout(modeladmin, request, queryset):
    for item in Item.objects.filter(pk__in=[i.pk for i in queryset]):
        item.name = item.name.upper()
        item.save()


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    actions = [shout]
