# Sample data for the page checks of django-run.sh (run with `manage.py shell`; the
# user "corpus" exists already; Spirit's migrations create categories 1 "Private" and
# 2 "Uncategorized"). Fixed ids so the extra paths of django-projects.tsv resolve.
from django.contrib.auth import get_user_model

from spirit.category.models import Category
from spirit.comment.models import Comment
from spirit.topic.models import Topic

user = get_user_model().objects.get(username="corpus")
general = Category.objects.create(id=3, title="General", slug="general", description="Anything.")
topic = Topic.objects.create(id=1, user=user, category=general, title="Welcome", slug="welcome")
Comment.objects.create(id=1, user=user, topic=topic, comment="Hello there", comment_html="<p>Hello there</p>")
topic.comment_count = 1
topic.save()
