"""Call sheet pages: the list of days, the draft and its edit form, publish, the revisions with
what changed, PDFs, the distribution tracking page, and the public confirmation link."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_POST

from apps.callsheets import queries, services
from apps.callsheets.forms import CallSheetForm, parse_times
from apps.callsheets.models import CallSheet, Recipient, Revision
from apps.callsheets.services import CallSheetError
from apps.callsheets.sheet import Sheet
from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.documents import production_pdf
from apps.productions.links import production_url
from apps.schedules.models import DayKind, ShootDay


def _sheet(request: ProductionRequest, pk: int, **annotations) -> CallSheet:
    return get_object_or_404(
        CallSheet.objects.select_related("shoot_day", "production").annotate(**annotations),
        production=request.production,
        pk=pk,
    )


def _revision(call_sheet: CallSheet, number: int) -> Revision:
    return get_object_or_404(Revision, call_sheet=call_sheet, number=number)


@production_view(C.VIEW_CALLSHEETS)
def sheet_list(request: ProductionRequest) -> HttpResponse:
    days = ShootDay.objects.filter(production=request.production, kind=DayKind.SHOOT).order_by(
        "position"
    )
    sheets = {
        s.shoot_day_id: s
        for s in CallSheet.objects.filter(production=request.production).prefetch_related(
            "revisions"
        )
    }
    rows = []
    for day in days:
        sheet = sheets.get(day.pk)
        revisions = sorted(sheet.revisions.all(), key=lambda r: -r.number) if sheet else []
        rows.append({"day": day, "sheet": sheet, "latest": revisions[0] if revisions else None})
    return render(request, "callsheets/list.html", {"rows": rows})


@production_view(C.EDIT_CALLSHEETS)
@require_POST
def sheet_start(request: ProductionRequest, shoot_day_id: int) -> HttpResponse:
    day = get_object_or_404(ShootDay, production=request.production, pk=shoot_day_id)
    started = run_service(request, services.callsheet_start, shoot_day=day)
    if not started:
        return redirect(production_url(request, "callsheets:list"))
    return redirect(production_url(request, "callsheets:detail", pk=started.value.pk))


# The page's title and buttons depend on who looks and are worked out on every visit; what is
# below them (templates/callsheets/_body.html) is kept once for every member, and worked out ahead
# by the worker after a change that reaches it (apps/callsheets/ahead.py): a visit that finds it
# reads neither the sheet nor its revisions.


@production_view(C.VIEW_CALLSHEETS)
def sheet_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    call_sheet = _sheet(request, pk, latest_number=Max("revisions__number"))
    page = SimpleLazyObject(lambda: queries.draft_page(call_sheet))
    context = {
        **queries.body_context(call_sheet, None, page),
        "day_number": call_sheet.shoot_day.day_number,
        "latest_number": call_sheet.latest_number,
    }
    return render(request, "callsheets/detail.html", context)


@production_view(C.VIEW_CALLSHEETS)
def revision_detail(request: ProductionRequest, pk: int, number: int) -> HttpResponse:
    call_sheet = _sheet(request, pk)
    revision = _revision(call_sheet, number)
    page = SimpleLazyObject(lambda: queries.revision_page(call_sheet, revision))
    context = {
        **queries.body_context(call_sheet, revision, page),
        "day_number": revision.sheet.day_number,
    }
    if request.membership.can(C.PUBLISH_CALLSHEETS):
        context["progress"] = queries.progress(revision)
    return render(request, "callsheets/detail.html", context)


@production_view(C.EDIT_CALLSHEETS)
def sheet_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    call_sheet = _sheet(request, pk)
    data = queries.sheet_data(call_sheet)
    cast_ids = [row.cast_member for row in data.cast]
    person_ids = [row.person for row in data.crew_rows]
    form = CallSheetForm(
        request.POST or None, instance=call_sheet, initial={"version": call_sheet.version}
    )
    own_calls = {c.person_id: c.call_time for c in call_sheet.crew_calls.all()}
    if request.method == "POST":
        cast_times, crew_calls, errors = parse_times(request.POST, cast_ids, person_ids)
        for error in errors:
            form.add_error(None, error)
        if form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            saved = run_service(
                request,
                services.callsheet_update,
                call_sheet=call_sheet,
                expected_version=form.cleaned_data["version"],
                fields=fields,
                cast_times=cast_times,
                crew_calls=crew_calls,
                form=form,
            )
            if saved:
                messages.success(request, "Call sheet saved.")
                return redirect(production_url(request, "callsheets:detail", pk=pk))
    crew_rows = [{"row": row, "own": own_calls.get(row.person)} for row in data.crew_rows]
    return render(
        request,
        "callsheets/edit.html",
        {"call_sheet": call_sheet, "form": form, "sheet": data, "crew_rows": crew_rows},
    )


@production_view(C.PUBLISH_CALLSHEETS)
@require_POST
def sheet_publish(request: ProductionRequest, pk: int) -> HttpResponse:
    call_sheet = _sheet(request, pk)
    published = run_service(
        request, services.callsheet_publish, call_sheet=call_sheet, user=request.user
    )
    if not published:
        return redirect(production_url(request, "callsheets:detail", pk=pk))
    revision = published.value
    messages.success(
        request,
        f"Revision {revision.number} published: sending to {revision.recipients.count()} people.",
    )
    return redirect(production_url(request, "callsheets:tracking", pk=pk, number=revision.number))


def _filename(sheet: Sheet, suffix: str) -> str:
    return f"call-sheet-day-{sheet.day_number}-{sheet.date}{suffix}"


@production_view(C.VIEW_CALLSHEETS)
def sheet_pdf(request: ProductionRequest, pk: int) -> HttpResponse:
    call_sheet = _sheet(request, pk)
    data = queries.sheet_data(call_sheet)
    return production_pdf(
        request,
        "callsheets/document.html",
        {"sheet": data, "draft": True},
        _filename(data, "-draft"),
        queries.document_heading(request.production, data),
    )


@production_view(C.VIEW_CALLSHEETS)
def revision_pdf(request: ProductionRequest, pk: int, number: int) -> HttpResponse:
    revision = _revision(_sheet(request, pk), number)
    return production_pdf(
        request,
        "callsheets/document.html",
        {"sheet": revision.sheet, "revision": revision},
        _filename(revision.sheet, f"-rev{revision.number}"),
        queries.document_heading(request.production, revision.sheet, revision),
    )


@production_view(C.PUBLISH_CALLSHEETS)
def tracking(request: ProductionRequest, pk: int, number: int) -> HttpResponse:
    call_sheet = _sheet(request, pk)
    revision = _revision(call_sheet, number)
    recipients = Recipient.objects.filter(revision=revision).order_by("department", "name")
    context = {
        "call_sheet": call_sheet,
        "revision": revision,
        "recipients": recipients,
        "progress": queries.progress(revision),
        "unreachable": queries.cast_unreachable(revision.sheet),
        "is_latest": not call_sheet.revisions.filter(number__gt=number).exists(),
    }
    if request.htmx:
        return render(request, "callsheets/_tracking_table.html", context)
    return render(request, "callsheets/tracking.html", context)


@production_view(C.PUBLISH_CALLSHEETS)
@require_POST
def resend(request: ProductionRequest, pk: int, number: int) -> HttpResponse:
    revision = _revision(_sheet(request, pk), number)
    try:
        count = services.recipients_resend(revision=revision)
    except CallSheetError as exc:
        messages.info(request, exc.message)
    else:
        messages.success(request, f"Sending again to {count} people who have not confirmed.")
    return redirect(production_url(request, "callsheets:tracking", pk=pk, number=number))


# --- Public by token ----------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The recipient's own link: no account needed; it confirms only its own row and stops working
    after the shoot day (in the production's time zone)."""
    try:
        recipient = services.recipient_for_token(token)
        if request.method == "POST":
            recipient = services.recipient_confirm(token=token)
    except CallSheetError as exc:
        return render(request, "callsheets/link_problem.html", {"problem": exc.message}, status=404)
    return render(
        request,
        "callsheets/confirm.html",
        {"recipient": recipient, "sheet": recipient.revision.sheet,
         "revision": recipient.revision},
    )  # fmt: skip
