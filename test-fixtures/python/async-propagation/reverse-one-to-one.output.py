# fixture-options: entry=all
from asgiref.sync import sync_to_async
from django.db import models
from django.http import JsonResponse


class Member(models.Model):
    name = models.CharField(max_length=100)


class Profile(models.Model):
    member = models.OneToOneField(Member, on_delete=models.CASCADE)
    bio = models.TextField()


async def member_card(request, pk):
    member = await Member.objects.aget(pk=pk)

    def _sync_block(member):
        has_profile = hasattr(member, "profile")
        return has_profile

    has_profile = await sync_to_async(_sync_block)(member)
    return JsonResponse({"name": member.name, "profile": has_profile})
