from .models import Delivery


class BaseNotifier:
    channel = "base"

    def send(self, body):
        return Delivery.objects.create(channel=self.channel, body=body)


class Notifier(BaseNotifier):
    channel = "mail"


class SmsNotifier(BaseNotifier):
    channel = "sms"


class LoggedNotifier(BaseNotifier):
    def send(self, body):
        Delivery.objects.create(channel="log", body=body)
        return super().send(body)


def notifier_for(channel):
    return Notifier() if channel == "mail" else SmsNotifier()
