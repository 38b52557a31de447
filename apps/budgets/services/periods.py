"""Closing a cost report period: the weekly cost report, frozen.

`period_close` stores, in one transaction, the period, every row of the cost report as it stands
(with the previous period's EFC and the closer's notes) and every entry its figures add up from.
Nothing writes to a period afterwards (apps/budgets/models/periods.py refuses it).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.budgets.models import CostPeriod, CostPeriodEntry, CostPeriodLine
from apps.budgets.queries.drilldown import snapshot_entries
from apps.budgets.queries.periods import TOTAL_KEY, WITH_MARKUPS_KEY, close_preview
from apps.budgets.services.editing import BudgetError
from apps.core.money import format_money
from apps.productions.models import Production

PERIOD_NO_BUDGET = "There is no budget to report on yet."
PERIOD_OUT_OF_ORDER = (
    "Periods close in order: this one must end after {last:%Y-%m-%d}, the last one closed."
)
PERIOD_MOVED = (
    "The cost report changed since this page was opened. Look at what moved again, then close."
)
PERIOD_NOTES_MISSING = "Write a note on every account whose EFC moved: {accounts}."
NOTE_LENGTH = 2000


def _lines(period: CostPeriod, rows, notes: dict[str, str]) -> list[CostPeriodLine]:
    lines = []
    for position, row in enumerate(rows):
        terms = row.markup
        lines.append(
            CostPeriodLine(
                period=period,
                production=period.production,
                position=position,
                key=row.key,
                level=row.level,
                number=row.number,
                name=row.name[:300],
                parent=row.parent,
                budget=row.budget,
                actual=row.actual,
                committed=row.committed,
                etc=row.etc,
                etc_entered=row.etc_entered,
                efc=row.efc,
                variance=row.variance,
                previous_efc=row.previous_efc,
                change=row.change,
                note=notes.get(row.key, "") if row.noted else "",
                markup_percent=terms.percent if terms else None,
                markup_sections=",".join(terms.sections) if terms else "",
            )
        )
    return lines


def _entries(period: CostPeriod, entries) -> list[CostPeriodEntry]:
    return [
        CostPeriodEntry(
            period=period,
            production=period.production,
            kind=e.kind,
            account_number=e.account_number,
            date=e.date,
            who=e.who[:200],
            description=e.description[:300],
            reference=e.reference[:100],
            amount=e.amount,
            source_type_id=e.source_type_id,
            source_id=e.source_id,
            source_label=e.source_label,
        )
        for e in entries
    ]


def close_words(period: CostPeriod, rows) -> str:
    """The close in the audit log: "Cost period week ending 2026-11-22 closed on <version>: EFC
    $1,234,567.00 (+$12,300.00 on the previous period); 3 accounts moved"."""
    by_key = {row.key: row for row in rows}
    grand = by_key.get(WITH_MARKUPS_KEY) or by_key.get(TOTAL_KEY)
    head = f"Cost period week ending {period.week_ending:%Y-%m-%d} closed on {period.version_name}"
    if grand is None:
        return head
    efc = format_money(grand.efc, period.currency)
    if grand.change is None:
        return f"{head}: EFC {efc} (the first period)"
    sign = "-" if grand.change < 0 else "+"
    moved = f"{sign}{format_money(abs(grand.change), period.currency)} on the previous period"
    accounts = sum(1 for row in rows if row.level == "account" and row.changed)
    plural = "account" if accounts == 1 else "accounts"
    return f"{head}: EFC {efc} ({moved}); {accounts} {plural} moved"


@transaction.atomic
def period_close(
    *,
    production: Production,
    week_ending: date,
    closed_by=None,
    notes: dict[str, str] | None = None,
    expected_digest: str | None = None,
    as_of: date | None = None,
    closed_at: datetime | None = None,
) -> CostPeriod:
    """Close the week ending `week_ending`: freeze the cost report as that period's report.

    `notes`: the closer's note by line key ("account:3307"); every account whose EFC moved since
    the last period needs one. `expected_digest`: the preview the closer read (the close page's);
    a report that moved since is refused. `as_of` and `closed_at` are for the demo, which closes
    past weeks as they stood then; a person closes the report as it stands now.
    """
    # One close at a time per production: the order check below holds against a second closer.
    Production.objects.select_for_update().filter(pk=production.pk).first()
    preview = close_preview(production, as_of=as_of)
    if preview is None:
        raise BudgetError(PERIOD_NO_BUDGET)
    last = preview.previous
    if last is not None and week_ending <= last.week_ending:
        raise BudgetError(PERIOD_OUT_OF_ORDER.format(last=last.week_ending), "week_ending")
    if expected_digest is not None and expected_digest != preview.digest:
        raise BudgetError(PERIOD_MOVED)
    notes = {key: text.strip()[:NOTE_LENGTH] for key, text in (notes or {}).items()}
    missing = [
        row.number for row in preview.changed if row.level == "account" and not notes.get(row.key)
    ]
    if missing:
        raise BudgetError(PERIOD_NOTES_MISSING.format(accounts=", ".join(missing)))
    user_name = ""
    if closed_by is not None:
        user_name = (closed_by.get_full_name() or closed_by.email)[:200]
    period = CostPeriod(
        production=production,
        week_ending=week_ending,
        version_name=str(preview.report.version)[:300],
        currency=preview.report.version.currency,
        closed_at=closed_at or timezone.now(),
        closed_by=closed_by,
        closed_by_name=user_name,
        previous=last,
    )
    period._change_reason = close_words(period, preview.rows)
    if closed_by is not None:
        period._history_user = closed_by
    try:
        with transaction.atomic():
            period.save(force_insert=True)
    except IntegrityError:
        raise BudgetError(PERIOD_OUT_OF_ORDER.format(last=week_ending), "week_ending") from None
    CostPeriodLine.objects.bulk_create(_lines(period, preview.rows, notes), batch_size=500)
    entries = snapshot_entries(production, preview.report, as_of=as_of)
    CostPeriodEntry.objects.bulk_create(_entries(period, entries), batch_size=500)
    return period
