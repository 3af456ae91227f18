from django.db import models


class Panel(models.Model):
    label = models.CharField(max_length=50)
    staff_only = models.BooleanField(default=False)
