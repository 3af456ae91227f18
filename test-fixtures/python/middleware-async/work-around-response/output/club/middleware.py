from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from django.utils import translation


class ReaderLocaleMiddleware:
    """Speaks the reader's language while the view runs, and forgets it afterwards."""

    async_capable = True
    sync_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(self.get_response):
            markcoroutinefunction(self)

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        reader = request.user
        if hasattr(reader, "preferences") and reader.preferences.locale:
            translation.activate(reader.preferences.locale)
        response = self.get_response(request)
        translation.deactivate()
        return response

    async def __acall__(self, request):
        reader = await request.auser()

        def _sync_block(reader):
            if hasattr(reader, "preferences") and reader.preferences.locale:
                translation.activate(reader.preferences.locale)

        await sync_to_async(_sync_block)(reader)
        response = await self.get_response(request)

        def _sync_block_2():
            translation.deactivate()

        await sync_to_async(_sync_block_2)()
        return response
