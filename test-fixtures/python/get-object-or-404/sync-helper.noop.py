from django.shortcuts import get_object_or_404


def load(model, pk):
    return get_object_or_404(model, pk=pk)
