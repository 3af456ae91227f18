# Sample data for the page checks of django-run.sh (run with `manage.py shell`; the
# user "corpus" exists already). Fixed ids so the extra paths of django-projects.tsv resolve.
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from todo.models import Comment, Task, TaskList

user = get_user_model().objects.get(username="corpus")
group = Group.objects.create(name="Workers")
user.groups.add(group)
chores = TaskList.objects.create(id=1, name="Chores", slug="chores", group=group)
task = Task.objects.create(id=1, title="Sweep the porch", task_list=chores, created_by=user, note="Before the rain.")
task.assigned_to.add(user)
Task.objects.create(id=2, title="Mend the fence", task_list=chores, created_by=user, completed=True)
Comment.objects.create(author=user, task=task, body="Broom is in the shed.")
