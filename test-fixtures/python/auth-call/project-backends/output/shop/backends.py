from django.contrib.auth.backends import BaseBackend, ModelBackend


class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        return super().authenticate(request, username=username, password=password, **kwargs)


class TokenBackend(BaseBackend):
    def authenticate(self, request, token=None):
        return None

    def get_user(self, user_id):
        return None
