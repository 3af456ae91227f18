# fixture-options: entry=all
class Doc:
    def read_text(self):
        return ""


def view(request, doc: Doc):
    return doc.read_text()
