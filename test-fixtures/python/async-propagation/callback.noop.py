# fixture-options: entry=all
def by_title(book):
    return book["title"]


def titles(request, books):
    return sorted(books, key=by_title)
