# fixture-options: entry=all django=5.1
from django.db import models
from django.http import JsonResponse


class Book(models.Model):
    title = models.CharField(max_length=100)


def count(request):
    total = Book.objects.count()  # awaitify: ignore[orm-terminal-call]
    return JsonResponse({"total": total})


def latest(request):
    # awaitify: ignore-next-line
    first = Book.objects.order_by("-id").first()
    return JsonResponse({"title": first.title})


def other_rule_named(request):
    exists = Book.objects.filter(title="x").exists()  # awaitify: ignore[time-sleep]
    return JsonResponse({"exists": exists})


def plain(request):
    return JsonResponse({"n": Book.objects.count()})


def first_title():
    return Book.objects.order_by("title").first().title  # awaitify: ignore


def uses_helper(request):
    n = Book.objects.count()
    return JsonResponse({"first": first_title(), "n": n})
