from django.db import models


class Note(models.Model):
    title = models.CharField(max_length=100)
    pinned = models.BooleanField(default=False)

    def save(self, *args, **kwargs):
        self.title = self.title.strip()
        super().save(*args, **kwargs)
