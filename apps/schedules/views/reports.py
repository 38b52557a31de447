from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from apps.core.exports import export_response
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.documents import built_pdf
from apps.productions.models import Membership, Production
from apps.schedules import calendar_days, report_html, reports
from apps.schedules.categories import Category
from apps.schedules.ical import calendar_feed
from apps.schedules.models import (
    Scene,
    ScheduleSettings,
)
from apps.schedules.views.printing import printed_heading

# --- Reports and calendar -----------------------------------------------------------------------


@production_view(C.VIEW_SCHEDULE)
def report(request: ProductionRequest, key: str) -> HttpResponse:
    builder = reports.REPORTS.get(key)
    if builder is None:
        raise Http404("No such report.")
    options = {}
    if key == "dood":
        # Day Out of Days for any breakdown category; cast unless another is asked for.
        category = request.GET.get("category") or Category.CAST
        options["category"] = category if category in Category.values else Category.CAST
    fmt = request.GET.get("format")
    filename = f"{request.production.slug}-{key}"
    if options.get("category", Category.CAST) != Category.CAST:
        filename += f"-{options['category']}"
    if fmt == "pdf":
        # A feature's shooting schedule or elements take WeasyPrint seconds: built by the
        # worker, with its progress shown. The DOOD's category is its index in the choices.
        category = options.get("category")
        return built_pdf(
            request,
            builder=f"apps.schedules.views.reports.{key.replace('-', '_')}_document",
            subject=Category.values.index(category) if category else None,
            title=dict(REPORT_LINKS)[key],
            filename=filename,
        )
    result = builder(request.production, **options)
    if fmt in ("csv", "xlsx"):
        return export_response(
            fmt, filename, result.flat_header(), result.flat_rows(), sums=result.flat_sums()
        )
    context = {"report": result, "reports": REPORT_LINKS, "categories": Category.choices}
    return render(request, "schedules/report.html", {**context, "table": report_html.table(result)})


def _report_document(key: str):
    """The worker's builder of report `key` as a PDF (see `report`), named `<key>_document`."""

    def build(production: Production, subject: int | None) -> tuple[str, dict]:
        options = {} if subject is None else {"category": Category.values[subject]}
        result = reports.REPORTS[key](production, **options)
        return "schedules/report_pdf.html", {
            "report": result,
            "heading": printed_heading(production, result.title),
        }

    return build


shooting_schedule_document = _report_document("shooting-schedule")
one_liner_document = _report_document("one-liner")
dood_document = _report_document("dood")
elements_document = _report_document("elements")
locations_document = _report_document("locations")


REPORT_LINKS = [
    ("shooting-schedule", "Shooting schedule"),
    ("one-liner", "One-liner"),
    ("dood", "Day Out of Days"),
    ("elements", "Elements"),
    ("locations", "Location summary"),
]


def _month_param(value: str | None, today: date) -> date:
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


@production_view(C.VIEW_SCHEDULE)
def calendar_month(request: ProductionRequest) -> HttpResponse:
    production = request.production
    first = _month_param(request.GET.get("month"), production.first_shoot_day or production.today())
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return render(
        request,
        "schedules/calendar_month.html",
        {
            "first": first,
            "weeks": calendar_days.month(production, first.year, first.month, request.membership),
            "previous": previous,
            "following": following,
            "feed_url": _member_feed_url(request),
        },
    )


@production_view(C.VIEW_SCHEDULE)
def calendar_week(request: ProductionRequest) -> HttpResponse:
    production = request.production
    try:
        anchor = date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        anchor = production.first_shoot_day or production.today()
    monday = anchor - timedelta(days=anchor.weekday())
    days = calendar_days.week(production, monday, request.membership)
    shoot_ids = [d.shoot_day.pk for d in days if d.shoot_day]
    scenes = {}
    for scene in (
        Scene.objects.filter(shoot_day__in=shoot_ids, omitted=False)
        .select_related("set")
        .order_by("board_position")
    ):
        scenes.setdefault(scene.shoot_day_id, []).append(scene)
    return render(
        request,
        "schedules/calendar_week.html",
        {
            "days": [(d, scenes.get(d.shoot_day.pk, []) if d.shoot_day else []) for d in days],
            "monday": monday,
            "previous": monday - timedelta(days=7),
            "following": monday + timedelta(days=7),
        },
    )


def _member_feed_url(request: ProductionRequest) -> str:
    token = Membership.objects.filter(pk=request.membership.pk).values_list(
        "calendar_token", flat=True
    )[0]
    return (
        request.build_absolute_uri(reverse("schedule_ical", kwargs={"token": token}))
        if token
        else ""
    )


def ical_feed(request, token: str) -> HttpResponse:
    """Public by token: the token is the credential. No or unknown token: 404. The production's
    shared address, or a member's own (with what that member may see)."""
    if not token or len(token) < 20:
        raise Http404("No feed.")
    settings = (
        ScheduleSettings.objects.select_related("production").filter(ical_token=token).first()
    )
    if settings is not None and secrets.compare_digest(settings.ical_token, token):
        feed = calendar_feed(settings.production)
    else:
        membership = (
            Membership.objects.select_related("production", "department")
            .filter(calendar_token=token)
            .first()
        )
        if membership is None or not secrets.compare_digest(membership.calendar_token, token):
            raise Http404("No feed.")
        feed = calendar_feed(membership.production, membership)
    response = HttpResponse(feed, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
