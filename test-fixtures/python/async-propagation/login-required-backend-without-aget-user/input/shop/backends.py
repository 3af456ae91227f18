from django.contrib.auth.models import User


class EmailBackend:
    def authenticate(self, request, username=None, password=None):
        user = User.objects.filter(email=username).first()
        return user if user and user.check_password(password) else None

    def get_user(self, user_id):
        return User.objects.filter(pk=user_id).first()
