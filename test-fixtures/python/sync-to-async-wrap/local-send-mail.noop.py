# fixture-options: entry=all
def send_mail(subject, body):
    return subject, body


def contact(request):
    return send_mail("a", "b")
