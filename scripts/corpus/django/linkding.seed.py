# Sample data for the page checks of django-run.sh (run with `manage.py shell`; the
# user "corpus" exists already): a tag, two bookmarks (one shared, one archived), a
# bundle, an asset record and a toast, each with id 1 (or 2) in a fresh database.
from django.contrib.auth import get_user_model
from django.utils import timezone

from bookmarks.models import Bookmark, BookmarkAsset, BookmarkBundle, Tag, Toast

user = get_user_model().objects.get(username="corpus")
now = timezone.now()
tag = Tag.objects.create(name="earthsea", date_added=now, owner=user)
b = Bookmark.objects.create(url="https://example.com/earthsea", title="Earthsea", description="A wizard.",
                            date_added=now, date_modified=now, owner=user, shared=True, unread=True)
b.tags.add(tag)
a = Bookmark.objects.create(url="https://example.com/tombs", title="The Tombs of Atuan", date_added=now,
                            date_modified=now, owner=user, is_archived=True)
a.tags.add(tag)
BookmarkBundle.objects.create(name="Fantasy", search="wizard", any_tags="earthsea", owner=user)
import os
os.makedirs("data/assets", exist_ok=True)
with open("data/assets/corpus-notes.txt", "w") as f:
    f.write("Notes on Earthsea.\n")
BookmarkAsset.objects.create(bookmark=b, file="corpus-notes.txt", file_size=19, asset_type="upload", content_type="text/plain",
                             display_name="notes.txt", status="complete")
Toast.objects.create(key="corpus", message="Welcome", owner=user)
profile = user.profile
profile.enable_sharing = True
profile.save()
