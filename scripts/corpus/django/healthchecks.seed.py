# Sample data for the page checks of django-run.sh (run with `manage.py shell`; the
# user "corpus" exists already): a profile, a project, a check with one ping and an
# email integration, with the fixed codes that django-projects.tsv's extra paths use.
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone

from hc.accounts.models import Profile, Project
from hc.api.models import Channel, Check, Ping

user = get_user_model().objects.get(username="corpus")
Profile.objects.for_user(user)
project = Project.objects.create(code=uuid.UUID("00000000-0000-4000-8000-0000000000a1"), owner=user, name="Corpus", badge_key="corpus")
check = Check.objects.create(code=uuid.UUID("00000000-0000-4000-8000-0000000000c1"), project=project, name="Nightly backup", slug="nightly-backup")
Ping.objects.create(owner=check, n=1, created=timezone.now(), kind=None, scheme="http", method="GET", ua="curl")
check.n_pings = 1
check.last_ping = timezone.now()
check.status = "up"
check.save()
channel = Channel.objects.create(code=uuid.UUID("00000000-0000-4000-8000-0000000000e1"), project=project, kind="email",
                                 value="corpus@example.com", email_verified=True)
channel.checks.add(check)
