from notifykit.mixins import RetryMixin

from .models import Delivery


class BaseNotifier:
    channel = "base"

    def send(self, body):
        return Delivery.objects.create(channel=self.channel, body=body)


class RetryingNotifier(RetryMixin, BaseNotifier):
    channel = "mail"
