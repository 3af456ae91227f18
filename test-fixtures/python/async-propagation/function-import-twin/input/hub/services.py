from .models import Panel


def staff_panels():
    return [panel.label for panel in Panel.objects.filter(staff_only=True)]
