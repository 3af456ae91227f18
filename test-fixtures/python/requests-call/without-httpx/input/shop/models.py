from django.db import models


class Quote(models.Model):
    amount = models.DecimalField(max_digits=10, decimal_places=2)
