from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from apps.accounts.forms import SignUpForm
from apps.accounts.models import User
from apps.core.exports import export_response
from apps.core.forms import plain_int
from apps.core.pagination import paginate
from apps.core.validators import logo_content_type, open_upload
from apps.core.view_helpers import run_service
from apps.productions import audit, services
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.dashboard import panels_for
from apps.productions.forms import (
    InvitationForm,
    MembershipForm,
    ProductionCreateForm,
    ProductionSettingsForm,
)
from apps.productions.links import production_url
from apps.productions.models import Invitation, Membership, Production
from apps.productions.services import ProductionError


@login_required
def production_list(request: HttpRequest) -> HttpResponse:
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("production", "department")
        .order_by("production__title")
    )
    return render(request, "productions/list.html", {"memberships": memberships})


@login_required
def production_create(request: HttpRequest) -> HttpResponse:
    form = ProductionCreateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "my_role"}
        created = run_service(
            request,
            services.production_create,
            user=request.user,
            role=form.cleaned_data["my_role"],
            **fields,
            form=form,
        )
        if created:
            messages.success(request, f"{created.value.title} is ready.")
            return redirect(created.value)
    return render(request, "productions/create.html", {"form": form})


@production_view(C.VIEW_PRODUCTION)
def dashboard(request: ProductionRequest) -> HttpResponse:
    production = request.production
    members = (
        Membership.objects.filter(production=production)
        .select_related("user", "department")
        .order_by("role", "user__full_name")
    )
    return render(
        request,
        "productions/dashboard.html",
        {
            "members": members,
            # Read only when the page's kept fragment (templates/productions/dashboard.html) is
            # not at hand: a visit that finds it runs none of the panels' queries.
            "panels": SimpleLazyObject(lambda: panels_for(request)),
            "days_to_shoot": production.days_to_first_shoot(),
        },
    )


@production_view(C.VIEW_PRODUCTION)
def logo(request: ProductionRequest) -> HttpResponse:
    handle, content_type = open_upload(request.production.logo, logo_content_type)
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@production_view(C.EDIT_PRODUCTION)
def production_settings(request: ProductionRequest) -> HttpResponse:
    production = request.production
    form = ProductionSettingsForm(
        request.POST or None,
        request.FILES or None,
        instance=production,
        initial={"version": production.version},
    )
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request,
            services.production_settings_save,
            production=form.instance,
            expected_version=form.cleaned_data["version"],
            form=form,
        )
        if saved:
            messages.success(request, "Settings saved.")
            return redirect(production_url(production, "productions:settings"))
    return render(request, "productions/settings.html", {"form": form})


# --- Members ------------------------------------------------------------------------------------


def _members(production: Production):
    return (
        Membership.objects.filter(production=production)
        .select_related("user", "department")
        .order_by("role", "user__email")
    )


@production_view(C.MANAGE_MEMBERS)
def members(request: ProductionRequest) -> HttpResponse:
    production = request.production
    services.departments_ensure(production=production)
    form = InvitationForm(request.POST or None, production=production)
    if request.method == "POST" and form.is_valid():
        invited = run_service(
            request,
            services.invitation_create,
            actor=request.membership,
            **form.cleaned_data,
            form=form,
        )
        if invited:
            messages.success(request, f"Invitation to {invited.value.email} is on its way.")
            return redirect(production_url(production, "productions:members"))
    invitations = Invitation.objects.filter(
        production=production, accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("invited_by", "department")
    return render(
        request,
        "productions/members.html",
        {
            "members": _members(production),
            "invitations": invitations,
            "form": form,
            "role_form": MembershipForm(production=production),
            "departments": list(form.fields["department"].queryset),
        },
    )


@production_view(C.MANAGE_MEMBERS)
def members_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    rows = (
        (
            m.user.full_name,
            m.user.email,
            m.get_role_display(),
            m.department.name if m.department else "",
            m.created_at.date().isoformat(),
        )
        for m in _members(request.production)
    )
    return export_response(
        fmt,
        f"{request.production.slug}-members",
        ["name", "email", "role", "department", "member_since"],
        rows,
    )


@production_view(C.MANAGE_MEMBERS)
@require_POST
def member_change(request: ProductionRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, production=request.production, pk=pk)
    form = MembershipForm(request.POST, production=request.production)
    if form.is_valid():
        if run_service(
            request,
            services.membership_change,
            actor=request.membership,
            membership=membership,
            **form.cleaned_data,
        ):
            messages.success(request, f"{membership.user} is now {membership.role_label}.")
    else:
        messages.error(request, "Choose a role.")
    return redirect(production_url(request, "productions:members"))


@production_view(C.MANAGE_MEMBERS)
@require_POST
def member_remove(request: ProductionRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership, production=request.production, pk=pk)
    if run_service(
        request, services.membership_remove, actor=request.membership, membership=membership
    ):
        messages.success(request, f"{membership.user} was removed from the production.")
    if (
        membership.user_id == request.user.id
        and not Membership.objects.filter(pk=membership.pk).exists()
    ):
        return redirect("productions:list")
    return redirect(production_url(request, "productions:members"))


@production_view(C.MANAGE_MEMBERS)
@require_POST
def invitation_resend(request: ProductionRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, production=request.production, pk=pk)
    if run_service(request, services.invitation_resend, invitation=invitation):
        messages.success(request, f"A new link is on its way to {invitation.email}.")
    return redirect(production_url(request, "productions:members"))


@production_view(C.MANAGE_MEMBERS)
@require_POST
def invitation_revoke(request: ProductionRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, production=request.production, pk=pk)
    services.invitation_revoke(invitation=invitation)
    messages.success(request, f"The invitation to {invitation.email} was withdrawn.")
    return redirect(production_url(request, "productions:members"))


# --- Audit --------------------------------------------------------------------------------------


@production_view(C.VIEW_AUDIT)
def audit_log(request: ProductionRequest) -> HttpResponse:
    kind = request.GET.get("kind") or None
    people = audit_people(request.production)
    who_text = request.GET.get("who") or ""
    who = plain_int(who_text)
    who = who if who in people else None
    log = audit.AuditLog(request.production, kind=kind, who=who)
    query = {key: value for key, value in (("kind", kind), ("who", who)) if value}
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        rows = (
            (
                e.when.isoformat(),
                e.who,
                e.kind,
                e.action,
                e.target,
                e.reason,
                "; ".join(f"{f}: {o} → {n}" for f, o, n in e.changes),
            )
            for e in log[:]
        )
        return export_response(
            fmt,
            f"{request.production.slug}-audit",
            ["when", "who", "record", "action", "target", "what happened", "changes"],
            rows,
        )
    page = paginate(request, log)
    return render(
        request,
        "productions/audit.html",
        {
            "page": page,
            "entries": page.object_list,
            "kinds": audit.registered_labels(),
            "kind": kind,
            "people": sorted(people.items(), key=lambda item: item[1].lower()),
            "who": who,
            "export_query": "?" + urlencode(query) if query else "",
        },
    )


def audit_people(production) -> dict[int, str]:
    """Who may appear in the filter: the production's members (user id → name)."""
    return {
        membership.user_id: membership.user.display_name
        for membership in Membership.objects.filter(production=production).select_related("user")
        if membership.user_id
    }


# --- Accepting an invitation (public: the token is the credential) ------------------------------


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_for_token(token)
    except ProductionError as exc:
        return render(
            request, "productions/invitation_problem.html", {"problem": exc.message}, status=404
        )
    user = request.user
    if user.is_authenticated:
        if request.method == "POST":
            try:
                membership = services.invitation_accept(token=token, user=user)
            except ProductionError as exc:
                return render(
                    request,
                    "productions/invitation_problem.html",
                    {"problem": exc.message},
                    status=400,
                )
            messages.success(request, f"Welcome to {membership.production.title}.")
            return redirect(membership.production)
        wrong_user = user.email.lower() != invitation.email.lower()
        return render(
            request,
            "productions/invitation_accept.html",
            {"invitation": invitation, "wrong_user": wrong_user},
        )
    if User.objects.filter(email__iexact=invitation.email).exists():
        messages.info(request, f"Sign in as {invitation.email} to accept the invitation.")
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    form = SignUpForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        signed_up = run_service(
            request,
            services.invitation_accept_new_account,
            token=token,
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password1"],
            form=form,
        )
        if signed_up:
            login(request, signed_up.value, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome to {invitation.production.title}.")
            return redirect(invitation.production)
    return render(
        request, "productions/invitation_signup.html", {"invitation": invitation, "form": form}
    )
