from asgiref.sync import sync_to_async
from django.db import transaction


async def view(request):
    def _atomic_block():
        with transaction.atomic():
            return 1
    return await sync_to_async(_atomic_block)()
