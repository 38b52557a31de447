from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from apps.accounts.forms import EmailAuthenticationForm, ProfileForm
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


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Profile saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})
