from django.conf import settings
from django.db import models


class Preferences(models.Model):
    reader = models.OneToOneField(settings.AUTH_USER_MODEL, related_name="preferences", on_delete=models.CASCADE)
    locale = models.CharField(max_length=10, blank=True)
