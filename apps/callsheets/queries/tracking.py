"""Distribution numbers and the dashboard: the latest revision, n of m sent and confirmed, the next
call sheet; what a printed sheet says it is."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import dateformat

from apps.callsheets.models import CallSheet, Recipient, RecipientStatus, Revision
from apps.callsheets.sheet import Sheet
from apps.core.documents import Heading
from apps.productions.models import Production


def latest_revision(call_sheet: CallSheet, *, with_data: bool = True) -> Revision | None:
    """The newest published revision; without its frozen sheet (`data`) when only its number
    and dates are wanted (the dashboard)."""
    revisions = call_sheet.revisions if with_data else call_sheet.revisions.defer("data")
    return revisions.order_by("-number").first()


def progress(revision: Revision) -> dict:
    """n of m sent, failed, confirmed: one query."""
    numbers = Recipient.objects.filter(revision=revision).aggregate(
        total=Count("pk"),
        sent=Count("pk", filter=Q(send_status=RecipientStatus.SENT)),
        failed=Count("pk", filter=Q(send_status=RecipientStatus.FAILED)),
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
    )
    return numbers


def next_call_sheet(production: Production) -> CallSheet | None:
    """The call sheet of the next shoot day from today (in the production's zone)."""
    return (
        CallSheet.objects.filter(production=production, shoot_day__date__gte=production.today())
        .select_related("shoot_day")
        .order_by("shoot_day__date", "shoot_day__position")
        .first()
    )


def document_heading(
    production: Production, sheet: Sheet, revision: Revision | None = None
) -> Heading:
    """The printed sheet's letterhead: the day, and the revision and when it was published (and
    whether a later one replaces it: one query), or that it is a draft."""
    document = f"Call sheet, day {sheet.day_number} of {sheet.total_days}"
    if revision is None:
        return Heading(document, "Draft", "Not published")
    published = revision.published_at.astimezone(production.tz)
    status = f"Published {dateformat.format(published, 'j M Y, H:i')}"
    newer = (
        Revision.objects.filter(call_sheet_id=revision.call_sheet_id, number__gt=revision.number)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    if newer is not None:
        status += f"; replaced by revision {newer}"
    return Heading(document, f"Revision {revision.number}", status)
