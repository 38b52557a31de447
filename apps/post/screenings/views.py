"""Screening pages, under /p/<slug>/post/screenings/: the screenings, one screening with its costs
and guest list, the check-in list for the door, the feedback summary, and the exports of the
screenings, the guest list, the costs and the summary (CSV, XLSX); and the public link a guest
answers their invitation and gives feedback with (`rsvp`)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.exports import export_response
from apps.core.view_helpers import run_service
from apps.post.access import post_scope
from apps.post.screenings import queries, services
from apps.post.screenings.forms import (
    FIELDS,
    CostForm,
    FeedbackForm,
    GroupForm,
    GuestForm,
    RsvpForm,
    ScreeningForm,
)
from apps.post.screenings.models import Guest, Rsvp, Screening, ScreeningCost
from apps.productions.access import ProductionRequest, pk_or_404, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url

VIEW, EDIT = C.VIEW_POST, C.EDIT_POST


def _screening(request: ProductionRequest, pk: int) -> Screening:
    return get_object_or_404(
        Screening.objects.select_related("production"), production=request.production, pk=pk
    )


def _guest(request: ProductionRequest, pk: int) -> Guest:
    return get_object_or_404(
        Guest.objects.select_related("screening"), production=request.production, pk=pk
    )


def _to(request: ProductionRequest, screening_id: int) -> HttpResponse:
    return redirect(production_url(request, "post:screening", pk=screening_id))


def shows_emails(request: ProductionRequest) -> bool:
    """Guests' e-mail addresses are for those who run post, never for a crew-role member."""
    return request.membership.can(EDIT)


@production_view(VIEW, scope=post_scope)
def screening_list(request: ProductionRequest) -> HttpResponse:
    screenings = queries.screenings_of(request.production)
    return render(request, "post/screenings/list.html", {"screenings": screenings})


def _format(fmt: str) -> str:
    return "xlsx" if fmt == "xlsx" else "csv"


@production_view(VIEW, scope=post_scope)
def screenings_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    rows = queries.screenings_export_rows(queries.screenings_of(request.production))
    name = f"screenings-{request.production.slug}"
    return export_response(_format(fmt), name, queries.SCREENINGS_HEADER, rows)


@production_view(VIEW, EDIT, scope=post_scope)
def screening_new(request: ProductionRequest) -> HttpResponse:
    form = ScreeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in FIELDS}
        made = run_service(
            request, services.screening_create, production=request.production,
            user=request.user, form=form, **data,
        )  # fmt: skip
        if made:
            return _to(request, made.value.pk)
    context = {"form": form, "title": "New screening"}
    return render(request, "post/screenings/form.html", context)


@production_view(VIEW, EDIT, scope=post_scope)
def screening_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    screening = _screening(request, pk)
    form = ScreeningForm(request.POST or None, instance=screening)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in FIELDS}
        version = form.cleaned_data["version"] or 0
        screening.refresh_from_db()  # the form wrote its values on the instance; the service saves
        if run_service(
            request, services.screening_update, screening=screening, expected_version=version,
            form=form, **data,
        ):  # fmt: skip
            return _to(request, screening.pk)
    context = {"form": form, "title": f"Edit {screening.title}", "screening": screening}
    return render(request, "post/screenings/form.html", context)


@production_view(VIEW, scope=post_scope)
def screening_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    screening = _screening(request, pk)
    production = request.production
    context = {
        "screening": screening,
        "guests": list(queries.guests_of(screening)),
        "costs": list(queries.costs_of(screening)),
        "show_emails": shows_emails(request),
        "guest_form": GuestForm(),
        "group_form": GroupForm(),
        "cost_form": CostForm(production=production),
        "not_invited": screening.guests.filter(rsvp=Rsvp.NOT_INVITED).count(),
    }
    return render(request, "post/screenings/detail.html", context)


@production_view(VIEW, EDIT, scope=post_scope)
@require_POST
def cost_add(request: ProductionRequest, pk: int) -> HttpResponse:
    screening = _screening(request, pk)
    form = CostForm(request.POST, production=request.production)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return _to(request, screening.pk)
    if run_service(request, services.cost_add, screening=screening, **form.cleaned_data):
        messages.success(request, f"Cost added: {form.cleaned_data['description']}.")
    return _to(request, screening.pk)


def _cost(request: ProductionRequest, pk: int) -> ScreeningCost:
    return get_object_or_404(ScreeningCost, production=request.production, pk=pk)


@production_view(VIEW, (EDIT, C.MANAGE_VENDORS), scope=post_scope)
@require_POST
def cost_purchase_order(request: ProductionRequest, pk: int) -> HttpResponse:
    """Make the cost a draft purchase order; the page then names the order and links to it."""
    cost = _cost(request, pk)
    made = run_service(request, services.cost_to_purchase_order, cost=cost, user=request.user)
    if made:
        po = made.value
        messages.success(
            request, f"Draft {po.label} made to {po.vendor.name}: approve and send it in Vendors."
        )
    return _to(request, cost.screening_id)


@production_view(VIEW, EDIT, scope=post_scope)
@require_POST
def cost_remove(request: ProductionRequest, pk: int) -> HttpResponse:
    cost = _cost(request, pk)
    run_service(request, services.cost_remove, cost=cost)
    return _to(request, cost.screening_id)


@production_view(VIEW, EDIT, scope=post_scope)
@require_POST
def guest_add(request: ProductionRequest, pk: int) -> HttpResponse:
    screening = _screening(request, pk)
    form = GuestForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    elif run_service(request, services.guest_add, screening=screening, **form.cleaned_data):
        messages.success(request, f"{form.cleaned_data['name']} added to the guest list.")
    return _to(request, screening.pk)


@production_view(VIEW, EDIT, scope=post_scope)
@require_POST
def guests_add_group(request: ProductionRequest, pk: int) -> HttpResponse:
    screening = _screening(request, pk)
    form = GroupForm(request.POST)
    if form.is_valid():
        group = form.cleaned_data["group"]
        people = queries.candidates(request.production, group)
        added = run_service(request, services.guests_add, screening=screening, candidates=people)
        if added:
            already = len(people) - len(added.value)
            note = f" ({already} on the list already or without an e-mail)" if already else ""
            messages.success(request, f"{len(added.value)} guest(s) added{note}.")
    return _to(request, screening.pk)


@production_view(VIEW, EDIT, scope=post_scope)
@require_POST
def guest_remove(request: ProductionRequest, pk: int) -> HttpResponse:
    guest = _guest(request, pk)
    run_service(request, services.guest_remove, guest=guest)
    return _to(request, guest.screening_id)


@production_view(VIEW, EDIT, scope=post_scope)
@require_POST
def invite(request: ProductionRequest, pk: int) -> HttpResponse:
    screening = _screening(request, pk)
    sent = run_service(request, services.invitations_send, screening=screening)
    if sent:
        messages.success(request, f"{len(sent.value)} invitation(s) on their way.")
    return _to(request, screening.pk)


@production_view(VIEW, EDIT, scope=post_scope)
def door(request: ProductionRequest, pk: int) -> HttpResponse:
    """The check-in list at the door, made for a phone: who is expected, who has arrived."""
    screening = _screening(request, pk)
    if request.method == "POST":
        guest = get_object_or_404(
            Guest,
            production=request.production,
            screening=screening,
            pk=pk_or_404(request.POST.get("guest")),
        )
        services.check_in(guest=guest, present=request.POST.get("present") != "0")
        door_url = production_url(request, "post:screening_door", pk=screening.pk)
        return redirect(f"{door_url}#g{guest.pk}")
    guests = [g for g in queries.guests_of(screening) if g.rsvp != Rsvp.NO]
    context = {"screening": screening, "guests": guests}
    return render(request, "post/screenings/door.html", context)


@production_view(VIEW, scope=post_scope)
def summary(request: ProductionRequest, pk: int) -> HttpResponse:
    screening = _screening(request, pk)
    context = {"screening": screening, "summary": queries.summary(screening)}
    return render(request, "post/screenings/summary.html", context)


@production_view(VIEW, scope=post_scope)
def summary_export(request: ProductionRequest, pk: int, fmt: str) -> HttpResponse:
    screening = _screening(request, pk)
    rows = queries.summary_export_rows(queries.summary(screening))
    name = f"screening-{screening.date:%Y-%m-%d}-feedback"
    return export_response(_format(fmt), name, queries.SUMMARY_HEADER, rows)


@production_view(VIEW, scope=post_scope)
def costs_export(request: ProductionRequest, pk: int, fmt: str) -> HttpResponse:
    screening = _screening(request, pk)
    return export_response(
        _format(fmt),
        f"screening-{screening.date:%Y-%m-%d}-costs",
        queries.COSTS_HEADER,
        queries.costs_export_rows(queries.costs_of(screening)),
        currency=request.production.currency,
        money_columns=queries.COSTS_MONEY_COLUMNS,
    )


@production_view(VIEW, scope=post_scope)
def guests_export(request: ProductionRequest, pk: int, fmt: str) -> HttpResponse:
    screening = _screening(request, pk)
    with_emails = shows_emails(request)
    header = queries.EXPORT_HEADER if with_emails else queries.EXPORT_HEADER_NO_EMAIL
    return export_response(
        _format(fmt),
        f"screening-{screening.date:%Y-%m-%d}-guests",
        header,
        queries.export_rows(screening, with_emails=with_emails),
    )


# --- The guest's link (public: the token is the credential) -------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def rsvp(request: HttpRequest, token: str) -> HttpResponse:
    """A guest answers their invitation before the screening, and gives feedback after it,
    without an account. The link opens only its own guest."""
    try:
        guest = services.guest_for_token(token)
    except services.ScreeningError as exc:
        context = {"problem": exc.message}
        return render(request, "post/screenings/link_problem.html", context, status=404)
    started = guest.screening.has_started()
    rsvp_form = RsvpForm(initial={"plus_ones": guest.plus_ones})
    feedback = guest.feedback if queries.has_feedback(guest) else None
    initial = None
    if feedback is not None:
        initial = {name: getattr(feedback, name) for name, _ in services.QUESTIONS}
        initial["comments"] = feedback.comments
    feedback_form = FeedbackForm(initial=initial)
    status, saved = 200, ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("yes", "no"):
            rsvp_form = RsvpForm(request.POST)
            if not rsvp_form.is_valid():
                status = 400
            elif answered := run_service(
                request, services.rsvp_answer, form=rsvp_form, token=token,
                coming=action == "yes", plus_ones=rsvp_form.cleaned_data["plus_ones"] or 0,
            ):  # fmt: skip
                guest, saved = answered.value, "answer"
            else:
                status = 409
        elif action == "feedback":
            feedback_form = FeedbackForm(request.POST)
            if not feedback_form.is_valid():
                status = 400
            elif run_service(
                request, services.feedback_save, form=feedback_form, token=token,
                comments=feedback_form.cleaned_data["comments"], **feedback_form.ratings(),
            ):  # fmt: skip
                saved = "feedback"
            else:
                status = 409
        else:
            rsvp_form.add_error(None, services.ANSWER_NEEDED)
            status = 400
    context = {
        "guest": guest,
        "screening": guest.screening,
        "production_title": guest.production.title,
        "started": started,
        "rsvp_form": rsvp_form,
        "feedback_form": feedback_form,
        "saved": saved,
    }
    return render(request, "post/screenings/rsvp.html", context, status=status)
