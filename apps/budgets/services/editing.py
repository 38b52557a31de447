"""Writes to a budget version: creating versions, editing lines, globals, fringes and markups.

Every change that moves money recomputes the stored totals of the lines it touches through the
engine (apps.budgets.engine), so the stored ``total``/``fringe_total`` and each fringe's amount
always equal what the engine computes from the stored quantities; then it brings the kept totals
above them up to date in the same transaction (apps.budgets.services.totals).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Max

from apps.budgets import engine
from apps.budgets.models import (
    Account,
    BudgetVersion,
    DetailLine,
    Fringe,
    Global,
    LineFringe,
    Markup,
    Section,
    VersionStatus,
)
from apps.budgets.services.totals import compute_line, engine_fringe  # noqa: F401 - API
from apps.budgets.services.totals import refresh as refresh_totals
from apps.core.bulk import record_history, update_rows
from apps.core.errors import DomainError
from apps.core.locking import save_if_unchanged
from apps.core.money import round_money

VERSION_LOCKED = "This version is approved and locked: copy it to make changes."
VERSION_SUBMITTED = (
    "This version is submitted for approval and read-only until the producer approves it or "
    "sends it back."
)
VERSION_NAME_TAKEN = "This budget already has a version with that name."
GLOBAL_FOLLOWS_SCHEDULE = (
    "{name} follows {source} and cannot be edited here: unlink it first to type a value."
)
GLOBAL_IN_USE = "{name} is used by {count} line(s) and cannot be deleted."
GLOBAL_NAME_INVALID = "A global's name is UPPER_SNAKE_CASE, starting with a letter (SHOOT_DAYS)."
GLOBAL_NEEDS_VALUE = "A global needs a number or a formula of other globals."
GLOBAL_NAME_TAKEN = "This version already has a global named {name}."
FRINGE_CODE_TAKEN = "This version already has a fringe with the code {code}."
FRINGE_FLAT_CUTOFF = "A flat fringe cannot have a cutoff."
ACCOUNT_NUMBER_TAKEN = "This version already has an account numbered {number}."
CATEGORY_NUMBER_TAKEN = "This version already has a category numbered {number}."
EXCHANGE_RATE_POSITIVE = "The exchange rate must be more than zero."
SAME_CURRENCY_RATE = "A line in the budget's own currency has an exchange rate of 1."
UNKNOWN_SECTION = "Markups apply to sections ATL, PRODUCTION, POST or OTHER."
ALREADY_APPROVED = "This version is already approved."
SHOOT_DAYS = "SHOOT_DAYS"

_SIX_PLACES = Decimal("0.000001")
GLOBAL_NAME_PATTERN = re.compile(r"[A-Z][A-Z0-9_]*")

DEFAULT_MARKUPS = [
    ("Contingency", Decimal("10"), ["ATL", "PRODUCTION", "POST", "OTHER"]),
    ("Insurance", Decimal("1.5"), ["ATL", "PRODUCTION", "POST", "OTHER"]),
    ("Overhead", Decimal("0"), ["PRODUCTION", "POST"]),
    ("Completion bond", Decimal("2"), ["ATL", "PRODUCTION", "POST", "OTHER"]),
]


class BudgetError(DomainError):
    """A budget rule refused the change; ``message`` says why, ``field`` which input if any."""


def _require_unlocked(version: BudgetVersion) -> None:
    """Only a working version changes. Read the status from the database: the caller's copy may
    predate a submission or an approval."""
    status = BudgetVersion.objects.filter(pk=version.pk).values_list("status", flat=True).first()
    if version.is_locked or status == VersionStatus.APPROVED:
        raise BudgetError(VERSION_LOCKED)
    if version.status == VersionStatus.SUBMITTED or status == VersionStatus.SUBMITTED:
        raise BudgetError(VERSION_SUBMITTED)


def quantity(value: Decimal) -> Decimal:
    """A quantity or rate as stored: 6 decimal places, half up (not money: money is rounded
    only by round_money)."""
    return Decimal(value).quantize(_SIX_PLACES, rounding=ROUND_HALF_UP)


def global_values(version: BudgetVersion) -> dict[str, Decimal]:
    return dict(Global.objects.filter(budget_version=version).values_list("name", "value"))


# --- Lines ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineValues:
    """What a person typed into a line (formulas as text) and the fringes they picked."""

    description: str
    amount_formula: str
    units: str
    x_formula: str
    rate_formula: str
    currency: str
    exchange_rate: Decimal
    fringe_ids: tuple[int, ...] = ()


def evaluate_line_formulas(
    values: LineValues, names: dict[str, Decimal], cache: dict | None = None
) -> dict[str, object]:
    """The evaluated amount/x/rate and the globals they read; BudgetError names the field.

    `cache` (a dict the caller keeps for one set of `names`) remembers each formula text's value,
    so many lines with the same formulas evaluate each text once."""
    result: dict[str, object] = {}
    used: set[str] = set()
    cache = {} if cache is None else cache
    for field in ("amount", "x", "rate"):
        text = getattr(values, f"{field}_formula").strip()
        if text not in cache:
            try:
                cache[text] = (quantity(engine.evaluate(text, names)), engine.names_used(text))
            except engine.FormulaError as error:
                raise BudgetError(str(error), field=f"{field}_formula") from None
        result[field], names_read = cache[text]
        used |= names_read
    result["uses"] = f" {' '.join(sorted(used))} " if used else ""
    return result


def _check_currency(values: LineValues, version: BudgetVersion) -> None:
    if values.exchange_rate <= 0:
        raise BudgetError(EXCHANGE_RATE_POSITIVE, field="exchange_rate")
    if values.currency == version.currency and values.exchange_rate != 1:
        raise BudgetError(SAME_CURRENCY_RATE, field="exchange_rate")


def set_line_fringes(line: DetailLine, fringes: list[Fringe], amounts: dict[str, Decimal]) -> None:
    """The line's fringes, each with its amount on it (what compute_line returned)."""
    LineFringe.objects.filter(detailline=line).delete()
    LineFringe.objects.bulk_create(
        LineFringe(detailline=line, fringe=fringe, amount=amounts[fringe.code])
        for fringe in fringes
    )


def apply_line_values(line: DetailLine, values: LineValues, evaluated: dict[str, object]) -> None:
    line.description = values.description
    line.amount_formula = values.amount_formula.strip()
    line.x_formula = values.x_formula.strip()
    line.rate_formula = values.rate_formula.strip()
    line.units = values.units
    line.currency = values.currency
    line.exchange_rate = values.exchange_rate
    for field, value in evaluated.items():
        setattr(line, field, value)


def _fringes_of(version: BudgetVersion, ids: Iterable[int]) -> list[Fringe]:
    return list(Fringe.objects.filter(budget_version=version, id__in=list(ids)))


@transaction.atomic
def line_create(*, account: Account, values: LineValues) -> DetailLine:
    version = account.budget_version
    _require_unlocked(version)
    _check_currency(values, version)
    evaluated = evaluate_line_formulas(values, global_values(version))
    fringe_ids = values.fringe_ids or tuple(account.fringes.values_list("id", flat=True))
    fringes = _fringes_of(version, fringe_ids)
    last = DetailLine.objects.filter(account=account).aggregate(m=Max("position"))["m"]
    line = DetailLine(
        production=account.production,
        budget_version=version,
        account=account,
        position=(last or 0) + 1,
    )
    apply_line_values(line, values, evaluated)
    amounts = compute_line(line, fringes)
    line.save()
    set_line_fringes(line, fringes, amounts)
    refresh_totals(version, accounts={account.id}, fringes={f.id for f in fringes})
    return line


@transaction.atomic
def line_update(*, line: DetailLine, values: LineValues, expected_version: int) -> DetailLine:
    """Refuses (StaleEdit) when someone else saved the line since expected_version."""
    version = line.budget_version
    _require_unlocked(version)
    _check_currency(values, version)
    evaluated = evaluate_line_formulas(values, global_values(version))
    fringes = _fringes_of(version, values.fringe_ids)
    before = set(LineFringe.objects.filter(detailline=line).values_list("fringe_id", flat=True))
    apply_line_values(line, values, evaluated)
    amounts = compute_line(line, fringes)
    save_if_unchanged(line, expected_version=expected_version, what="budget line")
    set_line_fringes(line, fringes, amounts)
    refresh_totals(version, accounts={line.account_id}, fringes=before | {f.id for f in fringes})
    return line


@transaction.atomic
def line_delete(*, line: DetailLine) -> None:
    _require_unlocked(line.budget_version)
    fringe_ids = set(LineFringe.objects.filter(detailline=line).values_list("fringe_id", flat=True))
    account_id = line.account_id
    line.delete()
    refresh_totals(line.budget_version, accounts={account_id}, fringes=fringe_ids)


@transaction.atomic
def line_move(*, line: DetailLine, direction: int) -> None:
    """Swap the line with its neighbour above (direction -1) or below (+1)."""
    _require_unlocked(line.budget_version)
    _move(
        list(DetailLine.objects.select_for_update().filter(account=line.account_id)),
        line,
        direction,
    )


def _move(rows: list, item, direction: int) -> None:
    ids = [row.id for row in rows]
    index = ids.index(item.id)
    target = index + direction
    if 0 <= target < len(rows):
        rows[index], rows[target] = rows[target], rows[index]
    for position, row in enumerate(rows, start=1):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])


# What recompute_lines works out again from a line's formulas (the typed text stays).
_WORKED_OUT = ["amount", "x", "rate", "uses", "total", "fringe_total"]


def recompute_lines(lines: Iterable[DetailLine], version: BudgetVersion, reason: str = "") -> int:
    """Re-evaluate the formulas and totals of lines (a global or fringe changed); returns count.

    Lines keep their own version number: their typed inputs did not change.
    """
    lines = list(lines)
    if not lines:
        return 0
    names = global_values(version)
    fringes = {f.id: f for f in Fringe.objects.filter(budget_version=version)}
    rows_by_line: dict[int, list[SimpleNamespace]] = {}
    for pk, line_id, fringe_id, amount in LineFringe.objects.filter(
        detailline_id__in=[line.id for line in lines]
    ).values_list("pk", "detailline_id", "fringe_id", "amount"):
        row = SimpleNamespace(pk=pk, fringe=fringes[fringe_id], fringe_id=fringe_id, amount=amount)
        rows_by_line.setdefault(line_id, []).append(row)
    changed_lines, changed_rows, cache = [], [], {}
    for line in lines:
        line.budget_version = version
        before = [getattr(line, field) for field in _WORKED_OUT]
        values = LineValues(
            line.description,
            line.amount_formula,
            line.units,
            line.x_formula,
            line.rate_formula,
            line.currency,
            line.exchange_rate,
        )
        apply_line_values(line, values, evaluate_line_formulas(values, names, cache))
        rows = rows_by_line.get(line.id, [])
        amounts = compute_line(line, [row.fringe for row in rows])
        if before != [getattr(line, field) for field in _WORKED_OUT]:
            changed_lines.append(line)
        for row in rows:
            if row.amount != amounts[row.fringe.code]:
                row.amount = amounts[row.fringe.code]
                changed_rows.append(row)
    # With history, so the audit log shows the totals a global or fringe change moved (only the
    # lines it moved).
    update_rows(DetailLine, changed_lines, _WORKED_OUT)
    record_history(DetailLine, changed_lines, reason)
    update_rows(LineFringe, changed_rows, ["amount"])
    refresh_totals(
        version,
        accounts={line.account_id for line in changed_lines},
        fringes={row.fringe_id for row in changed_rows},
    )
    return len(lines)


# --- Fringes and markups --------------------------------------------------------------------


@transaction.atomic
def fringe_save(
    *,
    version: BudgetVersion,
    code: str,
    name: str,
    kind: str,
    rate: Decimal,
    cutoff: Decimal | None,
    fringe: Fringe | None = None,
) -> Fringe:
    """Create (fringe=None) or change a fringe; lines carrying it are recomputed."""
    _require_unlocked(version)
    code = code.strip().upper()
    if kind == Fringe.Kind.FLAT and cutoff is not None:
        raise BudgetError(FRINGE_FLAT_CUTOFF, field="cutoff")
    clash = Fringe.objects.filter(budget_version=version, code=code)
    if fringe is not None:
        clash = clash.exclude(pk=fringe.pk)
    if clash.exists():
        raise BudgetError(FRINGE_CODE_TAKEN.format(code=code), field="code")
    if fringe is None:
        fringe = Fringe(production=version.production, budget_version=version)
    fringe.code, fringe.name, fringe.kind = code, name, kind
    fringe.rate = quantity(rate)
    fringe.cutoff = None if cutoff is None else round_money(cutoff, version.currency)
    fringe.save()
    recompute_lines(DetailLine.objects.filter(fringes=fringe), version, f"Fringe {code} changed")
    return fringe


@transaction.atomic
def fringe_delete(*, fringe: Fringe) -> None:
    version = fringe.budget_version
    _require_unlocked(version)
    line_ids = list(DetailLine.objects.filter(fringes=fringe).values_list("id", flat=True))
    fringe.delete()  # and its amounts on the lines, by cascade
    recompute_lines(
        DetailLine.objects.filter(id__in=line_ids), version, f"Fringe {fringe.code} deleted"
    )


@transaction.atomic
def markup_save(
    *, version: BudgetVersion, name: str, percent: Decimal, sections: list[str], markup=None
) -> Markup:
    _require_unlocked(version)
    if not sections or set(sections) - set(Section.values):
        raise BudgetError(UNKNOWN_SECTION, field="sections")
    if markup is None:
        last = Markup.objects.filter(budget_version=version).aggregate(m=Max("position"))["m"]
        markup = Markup(
            production=version.production, budget_version=version, position=(last or 0) + 1
        )
    taken = Markup.objects.filter(budget_version=version, name=name).exclude(pk=markup.pk)
    if taken.exists():
        raise BudgetError(f"This version already has a markup named “{name}”.", field="name")
    markup.name, markup.percent = name, quantity(percent)
    markup.sections = [code for code in Section.values if code in sections]
    markup.save()
    refresh_totals(version, accounts=(), fringes=())
    return markup


@transaction.atomic
def markup_delete(*, markup: Markup) -> None:
    _require_unlocked(markup.budget_version)
    markup.delete()
    refresh_totals(markup.budget_version, accounts=(), fringes=())
