"""Amendments to signed deal memos: drafted, sent and withdrawn by the office, answered by the
hire through a single-use link of their own."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.view_helpers import run_service
from apps.crew import services
from apps.crew.access import memo_scope
from apps.crew.forms import AcceptForm, AmendmentForm
from apps.crew.models import DealMemo, Position
from apps.crew.services import CrewError
from apps.crew.services.wording import change_lines
from apps.crew.views.memos import MAKE_MEMOS, client_ip
from apps.productions.access import ProductionRequest, production_view, scoped
from apps.productions.links import production_url


def _memo(request: ProductionRequest, pk: int) -> DealMemo:
    return get_object_or_404(
        DealMemo.objects.select_related("person", "position__department", "production"),
        production=request.production,
        pk=pk,
    )


@production_view(MAKE_MEMOS, scope=memo_scope)
def memo_amend(request: ProductionRequest, pk: int) -> HttpResponse:
    """The memo's terms as they should be, and why; saved as a draft amendment (the memo itself
    does not change until the hire accepts)."""
    memo = _memo(request, pk)
    positions = scoped(
        request.membership,
        Position.objects.filter(production=request.production).select_related("department"),
    )
    form = AmendmentForm(
        request.POST or None,
        instance=DealMemo.objects.get(pk=memo.pk),  # the form's checks set values on its copy
        positions=positions,
        currency=request.production.currency,
    )
    if request.method == "POST" and form.is_valid():
        drafted = run_service(
            request,
            services.amendment_draft,
            memo=memo,
            reason=form.cleaned_data["reason"],
            created_by=request.user,
            **form.terms(),
            form=form,
        )
        if drafted:
            messages.success(
                request,
                f"Amendment {drafted.value.number} drafted: check it, then send it to "
                f"{memo.person.name}.",
            )
            return redirect(production_url(request, "crew:memo", pk=memo.pk))
    return render(request, "crew/memo_amend.html", {"form": form, "memo": memo})


@production_view(MAKE_MEMOS, scope=memo_scope)
@require_POST
def memo_amendment_send(request: ProductionRequest, pk: int) -> HttpResponse:
    memo = _memo(request, pk)
    sent = run_service(request, services.amendment_send, memo=memo)
    if sent:
        messages.success(
            request,
            f"Amendment {sent.value.number} is on its way to {memo.person.email}. The memo and "
            "the budget change when it is accepted.",
        )
    return redirect(production_url(request, "crew:memo", pk=memo.pk))


@production_view(MAKE_MEMOS, scope=memo_scope)
@require_POST
def memo_amendment_withdraw(request: ProductionRequest, pk: int) -> HttpResponse:
    memo = _memo(request, pk)
    withdrawn = run_service(request, services.amendment_withdraw, memo=memo)
    if withdrawn:
        messages.success(request, f"Amendment {withdrawn.value.number} withdrawn.")
    return redirect(production_url(request, "crew:memo", pk=memo.pk))


# --- The hire's link (public: the token is the credential) --------------------------------------


def memo_amendment_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        amendment = services.amendment_for_token(token)
    except CrewError as exc:
        return render(request, "crew/memo_link_problem.html", {"problem": exc.message}, status=404)
    memo = amendment.memo
    context = {
        "memo": memo,
        "amendment": amendment,
        "changes": change_lines(amendment.changes, memo.production.currency),
    }
    form = AcceptForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "decline":
                services.amendment_decline(token=token)
                return render(
                    request, "crew/amendment_answered.html", {**context, "accepted": False}
                )
            if form.is_valid():
                amendment = services.amendment_accept(
                    token=token,
                    typed_name=form.cleaned_data["typed_name"],
                    ip=client_ip(request),
                )
                return render(
                    request,
                    "crew/amendment_answered.html",
                    {**context, "memo": amendment.memo, "accepted": True},
                )
        except CrewError as exc:
            if exc.message.startswith("Type your name"):
                form.add_error("typed_name", exc.message)
            else:
                return render(
                    request, "crew/memo_link_problem.html", {"problem": exc.message}, status=400
                )
    # As for the memo's link: the site's same-origin referrer policy keeps the token in.
    return render(request, "crew/amendment_review.html", {**context, "form": form})
