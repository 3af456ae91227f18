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


def plain(request):
    return JsonResponse({"n": count_items(request.user), "ok": allowed(request), "mine": mine(request), "first": [i.name for i in visible(request)]})
