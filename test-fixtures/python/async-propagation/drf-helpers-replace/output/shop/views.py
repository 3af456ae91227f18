from asgiref.sync import sync_to_async
from django.http import JsonResponse
from rest_framework import viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Item
from .permissions import HasItems
from .serializers import ItemSerializer
from .services import allowed, count_items, mine, visible


class ItemViewSet(viewsets.ModelViewSet):
    serializer_class = ItemSerializer
    permission_classes = [HasItems]

    def get_queryset(self):
        return visible(self.request)


class Count(APIView):
    def get(self, request):
        return Response({"n": count_items(request.user)})


@api_view(["GET"])
def summary(request):
    return Response({"n": count_items(request.user), "ok": allowed(request), "mine": mine(request)})


async def plain(request):
    user = await request.auser()
    return JsonResponse({"n": await sync_to_async(count_items)(user), "ok": await sync_to_async(allowed)(request), "mine": await sync_to_async(mine)(request), "first": [i.name async for i in await sync_to_async(visible)(request)]})
