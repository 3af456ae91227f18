import time

from rest_framework import generics, permissions, serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework.views import APIView

from shop.models import Order


class OrderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Order
        fields = ["id", "total", "owner"]

    def validate_total(self, value):
        if Order.objects.filter(total=value).exists():
            raise serializers.ValidationError("duplicate")
        return value


class IsOwner(permissions.BasePermission):
    def has_permission(self, request, view):
        return Order.objects.filter(owner=request.user.username).exists()


class OrderList(APIView):
    permission_classes = [IsOwner]

    def get(self, request):
        time.sleep(0.1)
        orders = list(Order.objects.filter(owner=request.user.username))
        return Response(OrderSerializer(orders, many=True).data)


class OrderDetail(generics.RetrieveAPIView):
    queryset = Order.objects.all()
    serializer_class = OrderSerializer

    def get_object(self):
        return Order.objects.get(pk=self.kwargs["pk"])


class OrderViewSet(viewsets.ModelViewSet):
    serializer_class = OrderSerializer

    def get_queryset(self):
        return Order.objects.filter(owner=self.request.user.username)

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user.username)


@api_view(["GET"])
def order_count(request):
    return Response({"count": Order.objects.filter(owner=request.user.username).count()})
