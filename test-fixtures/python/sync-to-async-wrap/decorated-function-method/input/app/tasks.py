from somequeue import background

from .models import Visit


@background
def store_visit(path):
    Visit.objects.create(path=path)
