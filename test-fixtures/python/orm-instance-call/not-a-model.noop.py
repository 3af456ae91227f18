# fixture-options: entry=all
class Form:
    def save(self):
        return None


def view(request, obj):
    form = Form()
    form.save()
    obj.save()
    obj.delete()
    return None
