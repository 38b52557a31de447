"""Deal memos: made and sent by the office, answered by the hire through a single-use link."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.view_helpers import run_service
from apps.crew import queries, services
from apps.crew.access import memo_reader, memo_scope
from apps.crew.forms import AcceptForm, DealMemoForm
from apps.crew.models import Candidate, DealMemo, MemoState, Person, Position
from apps.crew.services import MEMO_SIGNED, CrewError
from apps.productions.access import ProductionRequest, pk_or_404, production_view, scoped
from apps.productions.capabilities import Capability as C
from apps.productions.documents import production_pdf
from apps.productions.links import production_url

# Making and sending deal memos needs both: hiring, and seeing the rates they carry.
MAKE_MEMOS = (C.HIRE_CREW, C.VIEW_CREW_RATES)


def _memo(request: ProductionRequest, pk: int) -> DealMemo:
    return get_object_or_404(
        DealMemo.objects.select_related("person", "position__department", "production"),
        production=request.production,
        pk=pk,
    )


@production_view(C.VIEW_CREW_RATES)
def memo_list(request: ProductionRequest) -> HttpResponse:
    memos = queries.memos_of(request.production, request.membership)
    state = request.GET.get("state")
    if state:
        memos = memos.filter(state=state)
    return render(
        request,
        "crew/memos.html",
        {
            "memos": memos,
            "state": state,
            "states": MemoState.choices,
            "can_hire": request.membership.can(C.HIRE_CREW),
        },
    )


@production_view(MAKE_MEMOS)
def memo_new(request: ProductionRequest) -> HttpResponse:
    production = request.production
    positions = scoped(
        request.membership,
        Position.objects.filter(production=production).select_related("department"),
    )
    people = Person.objects.filter(production=production)
    candidate = None
    initial = {"start_date": production.first_shoot_day, "end_date": production.wrap_date}
    if request.GET.get("candidate", "").isdigit():  # "²" is a digit too: pk_or_404 refuses it
        candidate = get_object_or_404(
            Candidate.objects.select_related("opening__position", "person"),
            production=production,
            pk=pk_or_404(request.GET["candidate"]),
        )
        opening = candidate.opening
        initial.update(
            person=candidate.person,
            position=opening.position,
            rate=opening.rate,
            start_date=opening.start_date or initial["start_date"],
            end_date=opening.end_date or initial["end_date"],
        )
    form = DealMemoForm(
        request.POST or None,
        initial=initial,
        people=people,
        positions=positions,
        currency=production.currency,
    )
    if request.method == "POST" and form.is_valid():
        drafted = run_service(
            request,
            services.memo_create,
            person=form.cleaned_data["person"],
            created_by=request.user,
            candidate=candidate,
            **form.terms(),
            form=form,
        )
        if drafted:
            messages.success(request, "Deal memo drafted: check it, then send it.")
            return redirect(production_url(production, "crew:memo", pk=drafted.value.pk))
    return render(
        request, "crew/memo_form.html", {"form": form, "candidate": candidate, "memo": None}
    )


@production_view(MAKE_MEMOS, scope=memo_scope)
def memo_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    memo = _memo(request, pk)
    if memo.is_signed:  # the terms are frozen: a change is an amendment
        messages.info(request, MEMO_SIGNED)
        return redirect(production_url(request, "crew:memo_amend", pk=memo.pk))
    positions = scoped(
        request.membership,
        Position.objects.filter(production=request.production).select_related("department"),
    )
    form = DealMemoForm(
        request.POST or None,
        instance=memo,
        positions=positions,
        currency=request.production.currency,
    )
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request,
            services.memo_update,
            memo=memo,
            expected_version=form.cleaned_data["version"] or memo.version,
            **form.terms(),
            form=form,
        )
        if saved:
            messages.success(request, "Deal memo saved.")
            return redirect(production_url(request, "crew:memo", pk=memo.pk))
    return render(request, "crew/memo_form.html", {"form": form, "memo": memo})


@production_view(C.VIEW_PRODUCTION, scope=memo_reader)
def memo_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    memo = _memo(request, pk)
    return render(
        request,
        "crew/memo.html",
        {
            "memo": memo,
            **queries.memo_history(memo),
            "can_hire": request.membership.can(C.HIRE_CREW)
            and request.membership.can(C.VIEW_CREW_RATES),
        },
    )


@production_view(C.VIEW_PRODUCTION, scope=memo_reader)
def memo_pdf(request: ProductionRequest, pk: int) -> HttpResponse:
    memo = _memo(request, pk)
    filename = f"deal-memo-{memo.person.name}-{memo.position}".replace(" ", "-").lower()
    return production_pdf(
        request, "crew/memo_document.html", {"memo": memo}, filename, memo.printed_heading()
    )


@production_view(MAKE_MEMOS, scope=memo_scope)
@require_POST
def memo_send(request: ProductionRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.memo_send, "The deal memo is on its way to {email}.")


@production_view(MAKE_MEMOS, scope=memo_scope)
@require_POST
def memo_countersign(request: ProductionRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda memo: services.memo_countersign(memo=memo, user=request.user),
        "Countersigned.",
    )


@production_view(MAKE_MEMOS, scope=memo_scope)
@require_POST
def memo_void(request: ProductionRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.memo_void, "The deal memo is void.")


@production_view(MAKE_MEMOS, scope=memo_scope)
@require_POST
def memo_commit(request: ProductionRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.memo_commit, "Committed to the budget.")


def _act(request: ProductionRequest, pk: int, action, done: str) -> HttpResponse:
    memo = _memo(request, pk)
    acted = run_service(request, action, memo=memo)
    if acted:
        memo = acted.value
        if memo.commitment_error:
            messages.warning(request, f"Not committed to the budget: {memo.commitment_error}")
        else:
            messages.success(request, done.format(email=memo.person.email))
    return redirect(production_url(request, "crew:memo", pk=memo.pk))


@production_view(C.VIEW_PRODUCTION)
def my_memos(request: ProductionRequest) -> HttpResponse:
    """What a crew member sees of crew: their own deal memos and engagement."""
    memos = queries.my_memos(request.production, request.user)
    return render(request, "crew/my_memos.html", {"memos": memos})


# --- The hire's link (public: the token is the credential) --------------------------------------


def client_ip(request: HttpRequest) -> str | None:
    # Behind the proxy the settings trust, the client is the last address it appended.
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def deal_memo_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        memo = services.memo_for_token(token)
    except CrewError as exc:
        return render(request, "crew/memo_link_problem.html", {"problem": exc.message}, status=404)
    form = AcceptForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "decline":
                services.memo_decline(token=token)
                return render(request, "crew/memo_answered.html", {"memo": memo, "accepted": False})
            if form.is_valid():
                memo = services.memo_accept(
                    token=token,
                    typed_name=form.cleaned_data["typed_name"],
                    ip=client_ip(request),
                    user=request.user,
                )
                return render(request, "crew/memo_answered.html", {"memo": memo, "accepted": True})
        except CrewError as exc:
            if exc.message.startswith("Type your name"):
                form.add_error("typed_name", exc.message)
            else:
                return render(
                    request, "crew/memo_link_problem.html", {"problem": exc.message}, status=400
                )
    # The token is in the address: the site's same-origin referrer policy keeps it from leaving
    # (no-referrer would make the form post with "Origin: null", which CSRF refuses).
    return render(request, "crew/memo_review.html", {"memo": memo, "form": form})
