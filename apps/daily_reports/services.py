"""Writes with rules for daily production reports: start one (prefilled), save the draft, sign it
off (which moves the board, freezes the hot cost and sends the report to the producer's list),
and keep the production's distribution list.

A signed report is frozen: every write here refuses it (`_draft`), under the report's row lock,
so a save racing the sign-off either lands before it or is refused after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from apps.core import outbox
from apps.core.errors import DomainError
from apps.core.locking import StaleEdit, save_if_unchanged
from apps.daily_reports import board, prefill, wording
from apps.daily_reports.models import Background as BackgroundRow
from apps.daily_reports.models import (
    CastResult,
    CrewTimes,
    DailyReport,
    Distribution,
    DistributionList,
    ReportState,
    SceneResult,
    SceneStatus,
    UnitTimes,
)
from apps.productions.capabilities import CAPABILITY_ROLES, Capability
from apps.productions.models import Membership
from apps.productions.signals import daily_report_signed
from apps.schedules.models import Scene, ShootDay

NOT_A_SHOOT_DAY = "Only a shoot day has a daily production report."
REPORT_SIGNED = (
    "This report was signed off on {when} by {who}: it is frozen and can no longer be changed."
)
NOT_THIS_REPORT = "That row belongs to another report."
TWICE = "{row} is on the report twice: keep one row for it."
PARTLY_NEEDS_PAGES = (
    "Scene {number} is marked partly shot: give the pages shot (more than none, less than the "
    "{scheduled} eighths scheduled)."
)
COMPLETED_NEEDS_PAGES = "Scene {number} is marked completed with no pages shot."
NO_SCENES = "A report with no scene cannot be signed off: add what was shot, or mark it not shot."
BAD_ADDRESS = "{address!r} is not an e-mail address."
REMAINING_TO_A_SHOT_DAY = (
    "Scene {number}: its remaining pages cannot go to {day}, whose report is signed off."
)

HEADER_FIELDS = ["equipment_notes", "media_notes", "remarks"]

# The roles whose members always get the signed report: the capability table's signers.
SIGNERS = CAPABILITY_ROLES[Capability.SIGN_DAILY_REPORTS]


class DailyReportError(DomainError):
    """A daily report rule refused the action."""


# --- Start --------------------------------------------------------------------------------------


def report_start(*, shoot_day: ShootDay, user=None) -> DailyReport:
    """The day's report, made on first use and prefilled from the day's latest published call
    sheet (or the schedule). A second start finds the first's report."""
    if not shoot_day.is_shoot:
        raise DailyReportError(NOT_A_SHOOT_DAY)
    existing = DailyReport.objects.filter(shoot_day=shoot_day).first()
    if existing is not None:
        return existing
    start = prefill.prefill(shoot_day)
    try:
        with transaction.atomic():
            report = DailyReport(
                production_id=shoot_day.production_id,
                shoot_day=shoot_day,
                call_sheet_revision=start.revision,
                drafted_by=user,
            )
            report._change_reason = wording.started(
                shoot_day, start.revision, start.scenes, len(start.cast), len(start.crew)
            )
            if user is not None:
                report._history_user = user
            report.save(force_insert=True)
            _write_prefill(report, start)
    except IntegrityError:  # a second click raced this one
        report = DailyReport.objects.get(shoot_day=shoot_day)
    return report


def _write_prefill(report: DailyReport, start: prefill.Prefill) -> None:
    UnitTimes.objects.create(report=report, **start.unit)
    SceneResult.objects.bulk_create(SceneResult(report=report, **row) for row in start.scenes)
    CastResult.objects.bulk_create(CastResult(report=report, **row) for row in start.cast)
    BackgroundRow.objects.bulk_create(
        BackgroundRow(report=report, **row) for row in start.background
    )
    CrewTimes.objects.bulk_create(CrewTimes(report=report, **row) for row in start.crew)


# --- Draft --------------------------------------------------------------------------------------


@dataclass
class Section:
    """One table of the report as the edit page changed it: rows to save (new or changed, not yet
    saved) and rows to delete. Every row must be the report's own."""

    model: type[models.Model]
    saved: Sequence[models.Model] = field(default_factory=list)
    deleted: Sequence[models.Model] = field(default_factory=list)


def _signed_message(report: DailyReport) -> str:
    when = timezone.localtime(report.signed_at, report.production.tz) if report.signed_at else None
    who = report.signed_by.display_name if report.signed_by_id else "someone"
    return REPORT_SIGNED.format(
        when=f"{when:%d %b %Y %H:%M}" if when else "an earlier day", who=who
    )


def _draft(report: DailyReport) -> DailyReport:
    """The report locked for a write, refused when it is signed."""
    locked = (
        DailyReport.objects.select_for_update(of=("self",))
        .select_related("production", "shoot_day", "signed_by")
        .get(pk=report.pk)
    )
    if locked.state == ReportState.SIGNED:
        raise DailyReportError(_signed_message(locked))
    return locked


@transaction.atomic
def report_save(
    *,
    report: DailyReport,
    expected_version: int,
    fields: dict | None = None,
    sections: Iterable[Section] = (),
) -> DailyReport:
    """Save the draft: its own notes (`fields`) and the changed rows of its tables, all or
    nothing; refused when signed or when someone saved since `expected_version`."""
    locked = _draft(report)
    if locked.version != expected_version:
        raise StaleEdit("daily report")
    changed_fields = []
    for name in HEADER_FIELDS:
        if name in (fields or {}):
            if getattr(locked, name) != fields[name]:
                changed_fields.append(name)
            setattr(locked, name, fields[name])
    counts = []
    for section in sections:
        added = sum(1 for row in section.saved if row.pk is None)
        counts.append((section.model, added, len(section.saved) - added, len(section.deleted)))
        for row in [*section.saved, *section.deleted]:
            if (
                row.pk is not None
                and not section.model.objects.filter(pk=row.pk, report=locked).exists()
            ):
                raise DailyReportError(NOT_THIS_REPORT)
        for row in section.deleted:
            row.delete()
        for row in section.saved:
            row.report = locked
            if isinstance(row, SceneResult):
                _scene_of(row, locked)
            row.full_clean(exclude=["report"], validate_unique=False)
            try:
                with transaction.atomic():
                    row.save()
            except IntegrityError as exc:  # the report's unique rows: a department, a person
                raise DailyReportError(TWICE.format(row=row)) from exc
    # The hot cost follows the draft's times and costs (its lines, not the notes: worked out
    # before the report's row is saved, so that the save's audit entry says how it moved).
    before = wording.HotTotals.stored(locked)
    after = wording.HotTotals.of(board.refresh_hot_costs(locked))
    locked._change_reason = wording.saved(locked, changed_fields, counts, (before, after))
    save_if_unchanged(locked, expected_version=expected_version, what="daily report")
    return locked


def _scene_of(row: SceneResult, report: DailyReport) -> None:
    """A scene added on the day is not on the call sheet; it is the board's scene of that
    number, when there is one (a scene row never points at another production's scene)."""
    if row.pk is None:
        row.scheduled = False
    if row.scene_id is None:
        row.scene = Scene.objects.filter(
            production_id=report.production_id, number=row.number.strip()
        ).first()
    elif not Scene.objects.filter(pk=row.scene_id, production_id=report.production_id).exists():
        raise DailyReportError(NOT_THIS_REPORT)


# --- Sign-off -----------------------------------------------------------------------------------


def outcomes(report: DailyReport) -> list:
    """What the report says happened to each scene of the board it names, as the board reads it."""
    found = []
    for row in report.scenes.all():
        if row.scene_id is None:
            continue  # a scene gone from the schedule: nothing on the board to move
        found.append(
            board.outcome(
                scene_id=row.scene_id,
                status=row.status,
                eighths_shot=row.eighths_shot if row.status != SceneStatus.NOT_SHOT else 0,
                remaining_to_day_id=(
                    row.remaining_to_day_id if row.status != SceneStatus.COMPLETED else None
                ),
            )
        )
    return found


def check_signable(report: DailyReport) -> None:
    """The rules a report must meet to be signed: scenes with pages that add up."""
    rows = list(report.scenes.select_related("remaining_to_day__daily_report"))
    if not rows:
        raise DailyReportError(NO_SCENES)
    for row in rows:
        scheduled = row.eighths_scheduled
        if row.status == SceneStatus.PARTLY and scheduled and not 0 < row.eighths_shot < scheduled:
            raise DailyReportError(
                PARTLY_NEEDS_PAGES.format(number=row.number, scheduled=scheduled)
            )
        if row.status == SceneStatus.COMPLETED and row.eighths_scheduled and not row.eighths_shot:
            raise DailyReportError(COMPLETED_NEEDS_PAGES.format(number=row.number))
        target = row.remaining_to_day
        if row.status != SceneStatus.COMPLETED and target is not None:
            later = getattr(target, "daily_report", None)
            if later is not None and later.is_signed:
                raise DailyReportError(
                    REMAINING_TO_A_SHOT_DAY.format(number=row.number, day=target)
                )


def sign_preview(report: DailyReport) -> list[str]:
    """What signing will move on the board, in words (nothing is written)."""
    return board.preview(report.production, report.shoot_day, outcomes(report))


@transaction.atomic
def report_sign(*, report: DailyReport, expected_version: int, user) -> DailyReport:
    """Sign the report off and freeze it: the board follows it (completed scenes leave as shot,
    the rest go to the bin or the chosen day), the day's hot cost is worked out a last time, and
    the report goes to the producer's list once, after the commit."""
    locked = _draft(report)
    if locked.version != expected_version:
        raise StaleEdit("daily report")
    check_signable(locked)
    moves = board.record(locked.production, locked.shoot_day, outcomes(locked), user) or []
    hot = wording.HotTotals.of(board.refresh_hot_costs(locked))
    people = recipients(locked)
    locked.state = ReportState.SIGNED
    locked.signed_by = user
    locked.signed_at = timezone.now()
    locked._history_user = user  # simple_history: who signed, also outside a request
    locked._change_reason = wording.signed(locked, user, moves, hot, len(people))
    save_if_unchanged(locked, expected_version=expected_version, what="daily report")
    _address(locked, people)
    # Payroll prefills the blank days of draft timecards from the signed times.
    daily_report_signed.send(
        sender=DailyReport, production=locked.production, date=locked.shoot_day.date
    )
    return locked


def recipients(report: DailyReport) -> list[tuple[str, str]]:
    """(name, address) of the producer's list: the members who sign reports (producers and
    production managers), then the production's extra addresses; each address once."""
    found: dict[str, tuple[str, str]] = {}
    members = (
        Membership.objects.filter(production_id=report.production_id, role__in=SIGNERS)
        .select_related("user")
        .order_by("role", "user__email")
    )
    for membership in members:
        user = membership.user
        if user.email and user.is_active:
            found.setdefault(user.email.lower(), (user.display_name[:150], user.email))
    extra = DistributionList.objects.filter(production_id=report.production_id).first()
    for address in extra.extra_addresses if extra else []:
        found.setdefault(address.lower(), ("", address))
    return list(found.values())


def _address(report: DailyReport, people: list[tuple[str, str]]) -> None:
    rows = [
        Distribution(
            production_id=report.production_id,
            report=report,
            name=name,
            email=email,
            send_requested_at=report.signed_at,
        )
        for name, email in people
    ]
    # The unique (report, address) keeps a second run from adding anyone twice.
    Distribution.objects.bulk_create(rows, ignore_conflicts=True)
    for row in Distribution.objects.filter(report=report, send_status="queued"):
        outbox.queue_after_commit(row)


# --- The distribution list ----------------------------------------------------------------------


@transaction.atomic
def distribution_list_save(*, production, addresses: str, expected_version: int):
    """Keep the production's extra addresses, one a line, each checked and kept once."""
    lines, seen = [], set()
    for line in addresses.splitlines():
        address = line.strip()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError as exc:
            raise DailyReportError(BAD_ADDRESS.format(address=address), "addresses") from exc
        if address.lower() not in seen:
            seen.add(address.lower())
            lines.append(address)
    listed, _ = DistributionList.objects.get_or_create(production=production)
    listed.addresses = "\n".join(lines)
    save_if_unchanged(listed, expected_version=expected_version, what="distribution list")
    return listed
