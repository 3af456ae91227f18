from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=100)

    def copies(self):
        return Book.objects.filter(title=self.title).count()
