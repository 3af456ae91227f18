# fixture-options: entry=all
from django.db import models
from django.http import JsonResponse


class Member(models.Model):
    name = models.CharField(max_length=100)


class Profile(models.Model):
    member = models.OneToOneField(Member, on_delete=models.CASCADE)
    bio = models.TextField()


def member_card(request, pk):
    member = Member.objects.get(pk=pk)
    has_profile = hasattr(member, "profile")
    return JsonResponse({"name": member.name, "profile": has_profile})
