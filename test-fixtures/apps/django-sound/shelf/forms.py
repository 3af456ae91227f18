from django import forms
from django.core.exceptions import ValidationError

from .models import Book, Profile, Review


class BookForm(forms.ModelForm):
    class Meta:
        model = Book
        fields = ["title", "isbn", "author", "genres", "copies"]


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["nickname", "favourite_genre"]


class ReviewForm(forms.Form):
    rating = forms.IntegerField(min_value=1, max_value=5)
    text = forms.CharField(required=False, widget=forms.Textarea)

    def __init__(self, *args, reader=None, book=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.reader = reader
        self.book = book

    def clean(self):
        cleaned = super().clean()
        if self.reader is not None and Review.objects.filter(book=self.book, reader=self.reader).exists():
            raise ValidationError("You have already reviewed this book.")
        return cleaned


class SuggestionForm(forms.Form):
    isbn = forms.CharField(max_length=17, min_length=10)
    note = forms.CharField(required=False, max_length=200)

    def clean_isbn(self):
        isbn = self.cleaned_data["isbn"].replace("-", "")
        if Book.objects.filter(isbn=isbn).exists():
            raise ValidationError("That book is already on the shelf.")
        return isbn


class SignInForm(forms.Form):
    email = forms.EmailField()
    password = forms.CharField(widget=forms.PasswordInput)


class EntryForm(forms.Form):
    book = forms.ModelChoiceField(queryset=Book.objects.order_by("title"))


EntryFormSet = forms.formset_factory(EntryForm, extra=1, can_delete=True)
