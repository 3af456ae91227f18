# fixture-options: entry=all
# `nested_lib` is another package: awaitify cannot see its classes, whose save() may
# call create() and update() of a subclass synchronously. Their methods stay sync, with
# no async twin (nothing would call it). Classes whose bases are known not to call
# their methods (object, builtins, ABC, Generic) are chosen as any other function.
from abc import ABC
from typing import Generic, TypeVar

from nested_lib import NestedSerializer as BaseNested

from shop.models import Book

T = TypeVar("T")


class NestedSerializer(BaseNested):
    pass


class BookSerializer(NestedSerializer):
    def create(self, validated_data):
        return Book.objects.get(**validated_data)

    def update(self, instance, validated_data):
        Book.objects.filter(pk=instance.pk).update(**validated_data)
        return instance


class Shelf(ABC):
    def count(self):
        return Book.objects.count()


class Box(Generic[T]):
    def first(self):
        return Book.objects.first()


class Missing(LookupError):
    def lookup(self):
        return Book.objects.get(pk=1)
