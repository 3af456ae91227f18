from rest_framework import serializers

from .models import Item
from .services import count_items, label


class ItemSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()

    class Meta:
        model = Item
        fields = ["id", "name", "label"]

    def get_label(self, obj):
        return label(obj)

    def validate_name(self, value):
        if count_items(self.context["request"].user) > 10:
            raise serializers.ValidationError("too many")
        return value
