"""Budget globals that follow another app: SHOOT_DAYS the schedule's count of shoot days,
PREP_WEEKS and WRAP_WEEKS the production's dates.

A version chooses whether such a global follows its source (`Global.follows_schedule`): a budget
made from a template may start linked (a choice when it is created), an imported or hand-made one
keeps its own values until someone links it. When the source changes, only linked globals of
versions still being worked on move; a submitted or approved version never does. Every move is
told: a `LinkNotice` on the version's pages with the change in the grand total, and the audit
trail's reason ("SHOOT_DAYS 25 -> 26 from the schedule: +$8,629.85").

Prep weeks are the calendar days from prep start up to the first shoot day, and wrap weeks the
days after the wrap date (the last shoot day) through the day wrap ends, each divided by 7 and
rounded half up to two places (`weeks_from_dates`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from apps.budgets.engine import plain_number
from apps.budgets.models import (
    FROM_DATES,
    FROM_SCHEDULE,
    LINKABLE_GLOBALS,
    BudgetVersion,
    Global,
    LinkNotice,
    VersionStatus,
)
from apps.budgets.services.budget_globals import lines_using, recompute_dependents
from apps.budgets.services.editing import (
    SHOOT_DAYS,
    BudgetError,
    _require_unlocked,
    quantity,
    recompute_lines,
)
from apps.core.money import format_money
from apps.productions.models import Production
from apps.productions.signals import shoot_days_asked

PREP_WEEKS, WRAP_WEEKS = "PREP_WEEKS", "WRAP_WEEKS"
LINK_ONLY_SHOOT_DAYS = (
    "Only SHOOT_DAYS (from the schedule), PREP_WEEKS and WRAP_WEEKS (from the production's "
    "dates) can follow another app."
)
LINK_NEEDS_WORKING_VERSION = (
    "This version is {status}: it keeps its numbers. Copy it to make a version that follows the "
    "schedule."
)


def _grand_total(version: BudgetVersion) -> Decimal:
    """The version's kept grand total, read from the database (as a what-if left it)."""
    return BudgetVersion.objects.get(pk=version.pk).grand_total


def _signed_money(amount: Decimal, currency: str) -> str:
    text = format_money(abs(amount), currency)
    return f"+{text}" if amount >= 0 else f"-{text}"


def describe_move(name: str, old: Decimal, new: Decimal, source: str, change: Decimal, currency):
    return (
        f"{name} {plain_number(old)} -> {plain_number(new)} from {source}: "
        f"{_signed_money(change, currency)}"
    )


def notice_words(notice: LinkNotice) -> str:
    """A notice in the words the audit trail uses."""
    return describe_move(
        notice.global_name,
        notice.old_value,
        notice.new_value,
        notice.source,
        notice.change,
        notice.budget_version.currency,
    )


@transaction.atomic
def global_link(*, item: Global, follows: bool) -> LinkNotice | None:
    """Make a global follow the schedule, or keep its own value from now on. Linking takes the
    schedule's count at once, and says what that did."""
    version = item.budget_version
    _require_unlocked(version)
    if version.status != VersionStatus.WORKING:
        raise BudgetError(LINK_NEEDS_WORKING_VERSION.format(status=version.get_status_display()))
    source = LINKABLE_GLOBALS.get(item.name)
    if follows and source is None:
        raise BudgetError(LINK_ONLY_SHOOT_DAYS)
    item.follows_schedule = follows
    item.formula = "" if follows else item.formula
    item._change_reason = (
        f"{item.name} now follows {source}"
        if follows
        else f"{item.name} keeps its own value, no longer following {source or 'another app'}"
    )
    item.save(update_fields=["follows_schedule", "formula"])
    if not follows:
        return None
    if source == FROM_DATES:
        value = weeks_from_dates(item.production)[item.name]
        return None if value is None else move_linked_global(item, value, FROM_DATES)
    counts = [
        answer for _, answer in shoot_days_asked.send(sender=None, production=item.production)
    ]
    if not counts:
        return None
    return move_linked_global(item, Decimal(counts[0]), FROM_SCHEDULE)


def _weeks(days: int) -> Decimal:
    return (Decimal(days) / 7).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def weeks_from_dates(production: Production) -> dict[str, Decimal | None]:
    """PREP_WEEKS and WRAP_WEEKS from the production's dates (None where a date is missing)."""
    prep = wrap = None
    if production.prep_start and production.first_shoot_day:
        prep = _weeks((production.first_shoot_day - production.prep_start).days)
    if production.wrap_date and production.wrap_end:
        wrap = _weeks((production.wrap_end - production.wrap_date).days)
    return {PREP_WEEKS: prep, WRAP_WEEKS: wrap}


def move_linked_global(item: Global, value: Decimal, source: str) -> LinkNotice | None:
    """Set a linked global to what its source says, recompute what reads it, and tell."""
    version = item.budget_version
    value = quantity(value)
    if value == item.value:
        return None
    before = _grand_total(version)
    old = item.value
    item.value = value
    item._change_reason = f"{item.name} {plain_number(old)} -> {plain_number(value)} from {source}"
    item.save(update_fields=["value"])
    reason = item._change_reason
    recompute_lines(lines_using(version, item.name), version, reason)
    recompute_dependents(version, item.name, reason)
    after = _grand_total(version)
    notice = LinkNotice.objects.create(
        production=version.production,
        budget_version=version,
        global_name=item.name,
        source=source,
        old_value=old,
        new_value=value,
        total_before=before,
        total_after=after,
    )
    # The audit trail says it in words, money included, on the global's own history row (the
    # change in money is known only once the lines have been worked out again).
    words = notice_words(notice)
    newest = item.history.order_by("-history_date", "-history_id").first()
    Global.history.filter(history_id=newest.history_id).update(history_change_reason=words)
    return notice


def shoot_days_changed_receiver(sender, *, production: Production, shoot_days: int, **kwargs):
    """The schedule's day count moves SHOOT_DAYS only in versions still being worked on that
    chose to follow the schedule; every move leaves a notice and an audit reason."""
    linked = Global.objects.filter(
        production=production,
        name=SHOOT_DAYS,
        follows_schedule=True,
        budget_version__status=VersionStatus.WORKING,
    ).select_related("budget_version", "production")
    for item in linked:
        with transaction.atomic():
            move_linked_global(item, Decimal(shoot_days), FROM_SCHEDULE)


@dataclass(frozen=True)
class BudgetAtDays:
    """What a version that follows the schedule would total with another count of shoot days."""

    version: str
    currency: str
    shoot_days_now: Decimal
    total_now: Decimal
    shoot_days: int
    total: Decimal

    @property
    def change(self) -> Decimal:
        return self.total - self.total_now


class _WhatIf(Exception):
    """Raised to roll a what-if back; carries the total it found."""

    def __init__(self, total: Decimal):
        self.total = total


def shoot_days_costed_receiver(sender, *, production: Production, shoot_days: int, **kwargs):
    """The budget with SHOOT_DAYS at another count, for every working version that follows the
    schedule: worked out by the engine itself in a savepoint that is then rolled back, so the
    answer is exactly what the budget would say, and nothing is written."""
    answers = []
    linked = Global.objects.filter(
        production=production,
        name=SHOOT_DAYS,
        follows_schedule=True,
        budget_version__status=VersionStatus.WORKING,
    ).select_related("budget_version", "production")
    for item in linked:
        version = item.budget_version
        now = _grand_total(version)
        total = now
        if Decimal(shoot_days) != item.value:
            try:
                with transaction.atomic():
                    move_linked_global(item, Decimal(shoot_days), FROM_SCHEDULE)
                    raise _WhatIf(_grand_total(version))
            except _WhatIf as what_if:
                total = what_if.total
            item.refresh_from_db()
            version.refresh_from_db(fields=["lines_total", "fringes_total", "markups_total"])
        answers.append(
            BudgetAtDays(
                version=str(version),
                currency=production.currency,
                shoot_days_now=item.value,
                total_now=now,
                shoot_days=shoot_days,
                total=total,
            )
        )
    return answers


def production_dates_changed_receiver(sender, *, production: Production, **kwargs):
    """The production's dates move PREP_WEEKS and WRAP_WEEKS only in versions still being worked
    on that chose to follow them; every move leaves a notice and an audit reason."""
    values = weeks_from_dates(production)
    linked = Global.objects.filter(
        production=production,
        name__in=[name for name, value in values.items() if value is not None],
        follows_schedule=True,
        budget_version__status=VersionStatus.WORKING,
    ).select_related("budget_version", "production")
    for item in linked:
        with transaction.atomic():
            move_linked_global(item, values[item.name], FROM_DATES)


def unread_notices(version: BudgetVersion) -> list[LinkNotice]:
    found = LinkNotice.objects.filter(budget_version=version, read_at__isnull=True)
    return list(found.select_related("budget_version"))


@transaction.atomic
def notices_mark_read(*, version: BudgetVersion, user) -> int:
    return LinkNotice.objects.filter(budget_version=version, read_at__isnull=True).update(
        read_at=timezone.now(), read_by=user
    )
