# Sample data for the page checks of django-run.sh (run with `manage.py shell`; the
# user "corpus" exists already): a team and a project (id 1) the user belongs to, as
# an admin of both, so the /projects/1/... paths in django-projects.tsv resolve.
import uuid

from django.contrib.auth import get_user_model

from projects.models import Project, ProjectMembership, ProjectRole
from teams.models import Team, TeamMembership, TeamRole

user = get_user_model().objects.get(username="corpus")
team = Team.objects.create(id=uuid.UUID("00000000-0000-4000-8000-0000000000b1"), name="Corpus team")
TeamMembership.objects.create(team=team, user=user, role=TeamRole.ADMIN, accepted=True)
project = Project.objects.create(id=1, team=team, name="Corpus project", slug="corpus-project")
ProjectMembership.objects.create(project=project, user=user, role=ProjectRole.ADMIN, accepted=True)
