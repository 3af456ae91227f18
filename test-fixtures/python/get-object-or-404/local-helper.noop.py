# fixture-options: entry=all
def get_object_or_404(items, pk):
    return items[pk]


def detail(request, pk):
    return get_object_or_404({1: "a"}, pk)
