# fixture-options: entry=all django=4.0
# Before Django 5.0 Signal.send() never awaits a receiver's coroutine: receivers stay sync,
# whether registered with @receiver, connect(), or an aliased decorator.
import time

from django.core.signals import request_finished
from django.db.models.signals import post_save
from django.dispatch import receiver as on


@on(post_save)
def audit(sender, instance, **kwargs):
    time.sleep(0.01)


def flush(sender, **kwargs):
    time.sleep(0.01)


request_finished.connect(receiver=flush, dispatch_uid="flush")
