# fixture-options: safety=safe
# Django 4.2 (requirements.txt) has no aget_object_or_404(): the view could only run
# get_object_or_404() in a thread through sync_to_async, a review change, which --safety
# safe does not apply. The view stays sync, and a manual finding names it with the
# operation and its line.
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from shop.models import Coupon


def coupon_code(request, pk):
    coupon = get_object_or_404(Coupon, pk=pk)
    return HttpResponse(coupon.code)
