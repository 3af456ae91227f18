# Sample data for the page checks of django-run.sh (run with `manage.py shell`; the
# user "corpus" exists already): three notifications for it, the first read, so the
# unread and all lists and counts differ; ids 1-3 (slugs 110910-110912).
from django.contrib.auth import get_user_model

from notifications.signals import notify

user = get_user_model().objects.get(username="corpus")
other = get_user_model().objects.create_user("sender", password="sender-Pass-4711")
for verb in ("commented on your post", "followed you", "mentioned you"):
    notify.send(other, recipient=user, verb=verb)
user.notifications.get(id=1).mark_as_read()
