from django.contrib.auth.models import User


class TokenBackend:
    def authenticate(self, request, token=None):
        return User.objects.filter(last_name=token).first()

    def get_user(self, user_id):
        return User.objects.filter(pk=user_id).first()
