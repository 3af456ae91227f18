# fixture-options: entry=all
from django import forms
from django.http import JsonResponse


class ContactForm(forms.Form):
    name = forms.CharField(max_length=50)
    message = forms.CharField(max_length=500)


def contact(request):
    form = ContactForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    return JsonResponse({"name": form.cleaned_data["name"]})
