"""Offers, holds and re-prices: made by the office and casting, answered by the actor through a
single-use link. Crew never see them (VIEW_CASTING); confirming a re-price moves budget money, so
it also needs EDIT_BUDGET."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.casting import models as casting
from apps.casting.errors import CastingError
from apps.casting.offers import amendments, holds, money, queries, services
from apps.casting.offers.forms import AcceptForm, HoldForm, OfferAmendmentForm, OfferForm
from apps.casting.offers.models import Hold, Offer, Reprice
from apps.core.documents import Heading
from apps.core.exports import export_response
from apps.core.view_helpers import run_service
from apps.crew.views.memos import client_ip
from apps.productions.access import ProductionRequest, pk_or_404, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.documents import production_pdf
from apps.productions.links import production_url

V, E = C.VIEW_CASTING, C.EDIT_CASTING
CONFIRM_REPRICE = (C.VIEW_CASTING, C.EDIT_BUDGET)


def _offer(request: ProductionRequest, pk: int) -> Offer:
    return get_object_or_404(
        Offer.objects.select_related("role__cast_member", "actor", "production"),
        production=request.production,
        pk=pk,
    )


def _to(request, offer: Offer | None = None):
    if offer is None:
        return redirect(production_url(request, "casting:offers"))
    return redirect(production_url(request, "casting:offer", pk=offer.pk))


@production_view(V)
def offer_list(request: ProductionRequest) -> HttpResponse:
    production = request.production
    holds.holds_lapse(production, today=production.today())  # holds expire lazily, on read
    return render(
        request,
        "casting/offers/list.html",
        {
            **queries.offers_page(production),
            "can_edit": request.membership.can(E),
            "can_confirm": request.membership.can(C.EDIT_BUDGET),
            "hold_form": HoldForm(roles=_roles(request), actors=_actors(request)),
        },
    )


@production_view(V)
def offer_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    """The offers list as CSV or XLSX (money as money; no contacts)."""
    production = request.production
    offers = queries.offers_page(production)["offers"]
    return export_response(
        "xlsx" if fmt == "xlsx" else "csv",
        f"casting-{production.slug}-offers",
        queries.EXPORT_HEADER,
        queries.export_rows(offers),
        currency=production.currency,
        money_columns=(3, 7),
    )


def _roles(request):
    return casting.Role.objects.filter(production=request.production)


def _actors(request):
    return casting.Actor.objects.filter(production=request.production)


@production_view(V, E)
def offer_new(request: ProductionRequest) -> HttpResponse:
    initial = {}
    if request.GET.get("role", "").isdigit():
        initial["role"] = pk_or_404(request.GET["role"])
    form = OfferForm(
        request.POST or None,
        initial=initial,
        currency=request.production.currency,
        roles=_roles(request),
        actors=_actors(request),
    )
    if request.method == "POST" and form.is_valid():
        outcome = run_service(
            request,
            services.offer_create,
            form=form,
            role=form.cleaned_data["role"],
            actor=form.cleaned_data["actor"],
            created_by=request.user,
            **form.terms(),
        )
        if outcome.ok:
            return _to(request, outcome.value)
    return render(request, "casting/offers/form.html", {"form": form, "title": "New offer"})


@production_view(V)
def offer_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    cost = money.cost_now(offer)
    return render(
        request,
        "casting/offers/detail.html",
        {
            "offer": offer,
            "cost": cost,
            "fringes": money.fringes_on(offer, cost.wage),
            "amendments": offer.amendments.all(),
            "reprices": offer.reprices.all()[:10],
            "can_edit": request.membership.can(E),
            "can_confirm": request.membership.can(C.EDIT_BUDGET),
        },
    )


@production_view(V)
def offer_pdf(request: ProductionRequest, pk: int) -> HttpResponse:
    """The offer as a document for the actor: the terms, the days the board gives them and the
    pay for those days, and how it was signed (no budget account, no fringes)."""
    offer = _offer(request, pk)
    cost = money.cost_now(offer)
    context = {"offer": offer, "cost": cost}
    heading = Heading("Offer", offer.actor.name, offer.get_state_display())
    filename = f"offer-{offer.production.slug}-{offer.pk}"
    return production_pdf(request, "casting/offers/offer_pdf.html", context, filename, heading)


@production_view(V, E)
def offer_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    if offer.is_signed:
        messages.info(request, services.OFFER_SIGNED)
        return redirect(production_url(request, "casting:offer_amend", pk=offer.pk))
    form = OfferForm(request.POST or None, instance=offer, currency=request.production.currency)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.get("version") or offer.version
        outcome = run_service(
            request,
            services.offer_update,
            form=form,
            offer=offer,
            expected_version=version,
            **form.terms(),
        )
        if outcome.ok:
            return _to(request, offer)
    return render(request, "casting/offers/form.html", {"form": form, "title": f"Edit {offer}"})


def _post(service, done: str):
    @production_view(V, E)
    @require_POST
    def view(request: ProductionRequest, pk: int) -> HttpResponse:
        offer = _offer(request, pk)
        kwargs = {"user": request.user} if service is services.offer_countersign else {}
        if run_service(request, service, offer=offer, **kwargs).ok:
            messages.success(request, done)
        return _to(request, offer)

    view.__name__ = view.__qualname__ = service.__name__
    return view


offer_send = _post(services.offer_send, "Offer sent.")
offer_countersign = _post(services.offer_countersign, "Countersigned.")
offer_void = _post(services.offer_void, "Offer void.")
offer_commit = _post(services.offer_commit, "Committed to the budget again.")
amendment_send = _post(amendments.amendment_send, "Amendment sent.")
amendment_withdraw = _post(amendments.amendment_withdraw, "Amendment withdrawn.")


@production_view(V, E)
def amendment_new(request: ProductionRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    form = OfferAmendmentForm(
        request.POST or None, instance=offer, currency=request.production.currency
    )
    if request.method == "POST" and form.is_valid():
        outcome = run_service(
            request,
            amendments.amendment_draft,
            form=form,
            offer=offer,
            reason=form.cleaned_data["reason"],
            created_by=request.user,
            **form.terms(),
        )
        if outcome.ok:
            return _to(request, offer)
        offer.refresh_from_db()
    title = f"Amend {offer}"
    return render(request, "casting/offers/form.html", {"form": form, "title": title})


@production_view(V, E)
@require_POST
def hold_new(request: ProductionRequest) -> HttpResponse:
    form = HoldForm(request.POST, roles=_roles(request), actors=_actors(request))
    if form.is_valid():
        run_service(
            request, holds.hold_place, today=request.production.today(), **form.cleaned_data
        )
    else:
        messages.error(request, "Choose a role, an actor, a position and an expiry date.")
    return _to(request)


@production_view(V, E)
@require_POST
def hold_release(request: ProductionRequest, pk: int) -> HttpResponse:
    hold = get_object_or_404(Hold, production=request.production, pk=pk)
    run_service(request, holds.hold_release, hold=hold)
    return _to(request)


@production_view(CONFIRM_REPRICE)
@require_POST
def reprice_confirm(request: ProductionRequest, pk: int) -> HttpResponse:
    reprice = get_object_or_404(Reprice, production=request.production, pk=pk)
    if run_service(request, money.reprice_confirm, reprice=reprice, user=request.user).ok:
        messages.success(request, "The commitment follows the board.")
    return _to(request)


# --- The actor's link (public: the token is the credential) ------------------------------------


def _answer(request: HttpRequest, token: str, *, find, accept, decline, what: str):
    try:
        row = find(token)
    except CastingError as exc:
        return render(
            request, "casting/offers/link_problem.html", {"problem": exc.message}, status=404
        )
    form = AcceptForm(request.POST or None)
    context = {"row": row, "form": form, "what": what}
    if request.method == "POST":
        try:
            if request.POST.get("action") == "decline":
                decline(token=token)
                return render(request, "casting/offers/answered.html", {**context, "ok": False})
            if form.is_valid():
                name = form.cleaned_data["typed_name"]
                accept(token=token, typed_name=name, ip=client_ip(request))
                return render(request, "casting/offers/answered.html", {**context, "ok": True})
        except CastingError as exc:
            if not exc.message.startswith("Type your name"):
                problem = {"problem": exc.message}
                return render(request, "casting/offers/link_problem.html", problem, status=400)
            form.add_error("typed_name", exc.message)
    return render(request, "casting/offers/review.html", context)


def offer_accept(request: HttpRequest, token: str) -> HttpResponse:
    return _answer(
        request,
        token,
        find=services.offer_for_token,
        accept=services.offer_accept,
        decline=services.offer_decline,
        what="offer",
    )


def amendment_accept(request: HttpRequest, token: str) -> HttpResponse:
    return _answer(
        request,
        token,
        find=amendments.amendment_for_token,
        accept=amendments.amendment_accept,
        decline=amendments.amendment_decline,
        what="amendment",
    )
