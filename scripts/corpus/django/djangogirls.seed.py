# Sample data for the page checks of django-run.sh (run with `manage.py shell`; the
# user "corpus" exists already, its email field holding "corpus"). Fixed ids and the
# page URL "warsaw" so the extra paths of django-projects.tsv resolve.
from django.contrib.auth import get_user_model

from applications.models import Form
from core.models import Event
from globalpartners.models import GlobalPartner
from jobboard.models import Job

user = get_user_model().objects.get(email="corpus")
event = Event.objects.create(
    name="Django Girls Warsaw", city="Warsaw", country="Poland", page_url="warsaw", date="2030-05-01",
    is_page_live=True, main_organizer=user,
)
event.team.add(user)
Form.objects.create(event=event)
partner = GlobalPartner.objects.create(company_name="Acme", contact_person="Ann", contact_email="ann@example.com")
Job.objects.create(id=1, company=partner, role="Developer", location="Remote", summary="Code.", description="<p>Code.</p>", apply="https://example.com/apply")
