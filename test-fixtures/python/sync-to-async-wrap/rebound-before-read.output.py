# fixture-options: entry=all
import analytics
from asgiref.sync import sync_to_async
from django.db import models
from django.http import JsonResponse


class Book(models.Model):
    title = models.CharField(max_length=100)


async def book_report(request):
    count = await Book.objects.acount()
    if "refresh" in request.GET:
        def _sync_block(count):
            report = analytics.build(count)
            analytics.store(report)
            return report

        report = await sync_to_async(_sync_block)(count)

    def _sync_block_2(count):
        report = analytics.build(count)
        analytics.flush()
        return JsonResponse({"report": report.text})

    return await sync_to_async(_sync_block_2)(count)
