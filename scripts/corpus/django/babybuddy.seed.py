# Sample data for the page checks of django-run.sh (run with `manage.py shell`; the
# user "corpus" exists already): one child with a fixed name (slug "corpus-kid") and
# a few days of entries made by the project's own `fake` command, so that the
# ids 1 of the extra paths in django-projects.tsv resolve.
import datetime

from django.core.management import call_command

from core.models import Child

Child.objects.create(first_name="Corpus", last_name="Kid", birth_date=datetime.date.today() - datetime.timedelta(days=90))
call_command("fake", children=1, days=3, verbosity=0)
kid = Child.objects.exclude(first_name="Corpus").get()
kid.first_name, kid.last_name = "Data", "Kid"
kid.save()  # slug "data-kid"
