# The tag imports `visible_panels` inside its body (as a project does to break an import
# cycle) and calls it while Django renders a template, synchronously. That call is an edge
# of the call graph like a module-level import's: `visible_panels` takes `request` and lives
# in views.py, but a caller that stays sync calls it, so it is a helper and stays sync; the
# routed view still becomes async.
from django import template

register = template.Library()


@register.simple_tag
def panels_for(request):
    from hub.views import visible_panels

    return visible_panels(request)
