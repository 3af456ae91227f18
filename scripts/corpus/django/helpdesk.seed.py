# Sample data for the page checks of django-run.sh (run with `manage.py shell`; the
# user "corpus" exists already). Fixed ids so the extra paths of django-projects.tsv resolve
# (the ticket takes id 1 as the first row: Ticket.save() sets `created` only when it has no id).
from django.contrib.auth import get_user_model

from helpdesk.models import FollowUp, KBCategory, KBItem, Queue, Ticket

user = get_user_model().objects.get(username="corpus")
queue = Queue.objects.create(id=1, title="Support", slug="support", email_address="support@example.com")
ticket = Ticket.objects.create(title="Printer on fire", queue=queue, submitter_email="ann@example.com", description="Smoke.", assigned_to=user)
FollowUp.objects.create(ticket=ticket, title="Looked at it", comment="Needs water.", user=user)
category = KBCategory.objects.create(id=1, name="Printers", title="Printers", slug="printers", description="About printers")
KBItem.objects.create(id=1, category=category, title="Fire", question="What if it burns?", answer="Water.")
