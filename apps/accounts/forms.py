from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm

from apps.accounts.models import User
from apps.accounts.tokens import LIFETIMES


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label="E-mail", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )


class AdminUserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name"]


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name"]


class SignUpForm(forms.Form):
    """Creates an account for an invited person whose e-mail address is already known."""

    full_name = forms.CharField(max_length=150, label="Your name")
    password1 = forms.CharField(
        label="Password", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label="Password again", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict:
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The two passwords differ.")
        if p1:
            candidate = User(email=self.email, full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(p1, candidate)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ApiTokenForm(forms.Form):
    """A new personal access token: what it is for, how long it lives, whether it only reads."""

    name = forms.CharField(max_length=100, help_text="What it is for, e.g. “Budget sync script”.")
    days = forms.TypedChoiceField(
        label="Expires in",
        coerce=int,
        initial=90,
        choices=[(days, f"{days} days") for days in LIFETIMES],
    )
    read_only = forms.BooleanField(
        required=False, label="Read only", help_text="The token may read but never change."
    )
