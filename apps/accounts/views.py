from __future__ import annotations

import functools

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from apps.accounts import tokens
from apps.accounts.forms import ApiTokenForm, EmailAuthenticationForm, ProfileForm
from apps.accounts.models import ApiToken
from apps.core.view_helpers import run_service
from producer_desk.ratelimits import limited


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


# Per address and per account (a guesser spread over many addresses); axes' lockout comes on top.
login = limited("login", method="POST")(
    limited("login_user", by="username", method="POST")(LoginView.as_view())
)
logout = auth_views.LogoutView.as_view()
password_change = auth_views.PasswordChangeView.as_view(
    template_name="accounts/form_page.html",
    success_url=reverse_lazy("accounts:password_change_done"),
    extra_context={"title": "Change your password", "submit": "Change password"},
)
password_change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/message_page.html",
    extra_context={"title": "Password changed", "body": "Your new password is in use."},
)
password_reset = limited("password_reset", method="POST")(
    auth_views.PasswordResetView.as_view(
        template_name="accounts/form_page.html",
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
        extra_context={
            "title": "Reset your password",
            "lead": "We will e-mail you a link to choose a new password.",
            "submit": "Send the link",
        },
    )
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/message_page.html",
    extra_context={
        "title": "Check your e-mail",
        "body": "If an account uses that address, a link to reset its password is on its way.",
    },
)
# The reset link's token is a credential like the other tokened links (RATELIMIT_TOKEN_LINK).
password_reset_confirm = limited("token_link")(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/form_page.html",
        success_url=reverse_lazy("accounts:password_reset_complete"),
        extra_context={"title": "Choose a new password", "submit": "Save password"},
    )
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/message_page.html",
    extra_context={"title": "Password saved", "body": "You can log in with your new password."},
)


# A token just made waits here, in the session, for the one page that shows it (the redirect
# after the POST), so reloading that page neither makes a second token nor shows this one again.
NEW_TOKEN_KEY = "accounts:new_api_token"  # noqa: S105 - a session key


@functools.cache
def _blank_token_form() -> str:
    """The empty new-token form, laid out once per process: the same for everyone, and laying
    out a form's fields costs this small page more than everything else on it."""
    return as_crispy_form(ApiTokenForm())


def _profile_page(request: HttpRequest, *, form=None, token_form=None) -> HttpResponse:
    new_token = request.session.pop(NEW_TOKEN_KEY, "")
    response = render(
        request,
        "accounts/profile.html",
        {
            "form": form or ProfileForm(instance=request.user),
            "token_form": token_form,
            "token_fields": as_crispy_form(token_form) if token_form else _blank_token_form(),
            "tokens": ApiToken.objects.filter(user=request.user),
            "new_token": new_token,
        },
    )
    if new_token:
        response["Cache-Control"] = "no-store"  # no cache keeps the one page that shows it
    return response


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Profile saved.")
        return redirect("accounts:profile")
    return _profile_page(request, form=form)


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    """Makes a token; the profile page shows it once, next (see NEW_TOKEN_KEY)."""
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        made = run_service(
            request, tokens.token_create, user=request.user, form=form, **form.cleaned_data
        )
        if made:
            token, raw = made.value
            request.session[NEW_TOKEN_KEY] = raw
            messages.success(
                request, f"Token “{token.name}” made. Copy it now: it is shown only once."
            )
            return redirect(reverse("accounts:profile") + "#api-tokens")
    return _profile_page(request, token_form=form)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, user=request.user, pk=pk)
    tokens.token_revoke(token=token)
    messages.success(request, f"Token “{token.name}” revoked: it no longer works.")
    return redirect("accounts:profile")
