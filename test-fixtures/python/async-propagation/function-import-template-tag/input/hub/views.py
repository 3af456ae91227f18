from django.http import HttpResponse

from .models import Panel


def visible_panels(request):
    panels = Panel.objects.filter(staff_only=False)
    return [panel.label for panel in panels]


def panel_count(request):
    return HttpResponse(str(Panel.objects.count()))
