"""Writes to the shape of a budget: categories and accounts, and whole versions (from a
template, as a copy, submitted, approved and locked)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from apps.budgets import engine
from apps.budgets.models import (
    Account,
    Budget,
    BudgetVersion,
    Category,
    DetailLine,
    Fringe,
    Global,
    LineFringe,
    Markup,
    VersionStatus,
)
from apps.budgets.services.editing import (
    ACCOUNT_NUMBER_TAKEN,
    ALREADY_APPROVED,
    CATEGORY_NUMBER_TAKEN,
    DEFAULT_MARKUPS,
    SHOOT_DAYS,
    VERSION_NAME_TAKEN,
    BudgetError,
    _fringes_of,
    _move,
    _require_unlocked,
    quantity,
)
from apps.budgets.services.totals import refresh as refresh_totals
from apps.productions.models import Production

NOT_SUBMITTED = "Only a submitted version can be sent back."
RETURN_NEEDS_NOTE = "Say why it goes back: the note is what the AP reads."

# --- Chart of accounts ----------------------------------------------------------------------


@transaction.atomic
def category_update(*, category: Category, number: str, name: str, section: str) -> Category:
    _require_unlocked(category.budget_version)
    number = number.strip()
    if (
        Category.objects.filter(budget_version=category.budget_version, number=number)
        .exclude(pk=category.pk)
        .exists()
    ):
        raise BudgetError(CATEGORY_NUMBER_TAKEN.format(number=number), field="number")
    category.number, category.name, category.section = number, name, section
    category.save()
    refresh_totals(category.budget_version, accounts=(), fringes=())  # its section may change
    return category


@transaction.atomic
def account_save(
    *,
    category: Category,
    number: str,
    name: str,
    fringe_ids: Iterable[int] = (),
    account: Account | None = None,
) -> Account:
    """Add an account at the end of a category (account=None) or change one."""
    version = category.budget_version
    _require_unlocked(version)
    number = number.strip()
    clash = Account.objects.filter(budget_version=version, number=number)
    if account is not None:
        clash = clash.exclude(pk=account.pk)
    if clash.exists():
        raise BudgetError(ACCOUNT_NUMBER_TAKEN.format(number=number), field="number")
    if account is None:
        last = Account.objects.filter(category=category).aggregate(m=Max("position"))["m"]
        account = Account(
            production=version.production,
            budget_version=version,
            category=category,
            position=(last or 0) + 1,
        )
    account.number, account.name = number, name
    account.save()
    account.fringes.set(_fringes_of(version, fringe_ids))
    return account


@transaction.atomic
def account_move(*, account: Account, direction: int) -> None:
    _require_unlocked(account.budget_version)
    rows = list(Account.objects.select_for_update().filter(category=account.category_id))
    _move(rows, account, direction)


# --- Versions -------------------------------------------------------------------------------


@transaction.atomic
def budget_create_from_template(
    *,
    production: Production,
    budget_name: str,
    template_key: str,
    version_name: str = "Working",
    follow_schedule: bool = False,
) -> BudgetVersion:
    """A version holding the template's chart of accounts, its suggested fringes and globals,
    and the four standard markups: the first version of a new budget, or a fresh version of
    the budget of that name. With `follow_schedule`, its SHOOT_DAYS follows the schedule (the
    next change of the schedule's day count moves it, and says so)."""
    template = engine.load_template(template_key)
    budget, _ = Budget.objects.get_or_create(production=production, name=budget_name)
    if BudgetVersion.objects.filter(budget=budget, name=version_name).exists():
        raise BudgetError(VERSION_NAME_TAKEN, field="version_name")
    version = BudgetVersion.objects.create(
        production=production,
        budget=budget,
        name=version_name,
        currency=production.currency,
        origin=f"Template: {template['name']}",
    )
    for position, cat in enumerate(template["categories"], start=1):
        category = Category.objects.create(
            production=production,
            budget_version=version,
            number=cat["number"],
            name=cat["name"],
            section=cat["section"],
            position=position,
        )
        Account.objects.bulk_create(
            Account(
                production=production,
                budget_version=version,
                category=category,
                number=acc["number"],
                name=acc["name"],
                position=index,
            )
            for index, acc in enumerate(cat["accounts"], start=1)
        )
    Fringe.objects.bulk_create(
        Fringe(
            production=production,
            budget_version=version,
            code=f["code"],
            name=f["name"],
            kind=f["kind"],
            rate=quantity(f["rate"]),
            cutoff=None if f.get("cutoff") is None else Decimal(f["cutoff"]),
        )
        for f in template["fringes"]
    )
    Global.objects.bulk_create(
        Global(
            production=production,
            budget_version=version,
            name=g["name"],
            value=quantity(g["value"]),
            formula=g.get("formula", ""),
            description=g["description"],
            follows_schedule=follow_schedule and g["name"] == SHOOT_DAYS,
        )
        for g in template["globals"]
    )
    for position, (name, percent, sections) in enumerate(DEFAULT_MARKUPS, start=1):
        Markup.objects.create(
            production=production,
            budget_version=version,
            name=name,
            percent=percent,
            sections=sections,
            position=position,
        )
    return version


@transaction.atomic
def version_copy(*, source: BudgetVersion, name: str) -> BudgetVersion:
    """A working copy of any version (locked ones included), line for line."""
    if BudgetVersion.objects.filter(budget=source.budget, name=name).exists():
        raise BudgetError(VERSION_NAME_TAKEN, field="name")
    production = source.production
    copy = BudgetVersion.objects.create(
        production=production,
        budget=source.budget,
        name=name,
        currency=source.currency,
        origin=f"Copy of {source.name}",
    )
    fringe_map = {}
    for fringe in Fringe.objects.filter(budget_version=source):
        old = fringe.pk
        fringe.pk, fringe.id, fringe.budget_version = None, None, copy
        fringe.save()
        fringe_map[old] = fringe
    for item in [*Global.objects.filter(budget_version=source), *source.markups.all()]:
        item.pk, item.id, item.budget_version = None, None, copy
        item.save()
    category_map, account_map = {}, {}
    for category in Category.objects.filter(budget_version=source):
        old = category.pk
        category.pk, category.id, category.budget_version = None, None, copy
        category.save()
        category_map[old] = category
    account_fringes = Account.fringes.through.objects.filter(account__budget_version=source)
    for account in Account.objects.filter(budget_version=source):
        old = account.pk
        account.pk, account.id, account.budget_version = None, None, copy
        account.category = category_map[account.category_id]
        account.save()
        account_map[old] = account
    Account.fringes.through.objects.bulk_create(
        Account.fringes.through(
            account_id=account_map[r.account_id].id, fringe=fringe_map[r.fringe_id]
        )
        for r in account_fringes
    )
    line_fringes = list(
        LineFringe.objects.filter(detailline__budget_version=source).values_list(
            "detailline_id", "fringe_id", "amount"
        )
    )
    lines = list(DetailLine.objects.filter(budget_version=source).order_by("id"))
    old_ids = [line.id for line in lines]
    for line in lines:
        line.pk = line.id = None
        line.budget_version = copy
        line.account = account_map[line.account_id]
        line.version = 1
    created = DetailLine.objects.bulk_create(lines)
    line_map = dict(zip(old_ids, [line.id for line in created], strict=True))
    LineFringe.objects.bulk_create(
        LineFringe(detailline_id=line_map[line_id], fringe=fringe_map[fringe_id], amount=amount)
        for line_id, fringe_id, amount in line_fringes
    )
    # The copy's kept totals came with its rows; the version's own are the source's (read from
    # the database: the caller's copy of the source may predate its last edit).
    kept = (
        BudgetVersion.objects.filter(pk=source.pk)
        .values("lines_total", "fringes_total", "markups_total")
        .get()
    )
    BudgetVersion.objects.filter(pk=copy.pk).update(**kept)
    for name, value in kept.items():
        setattr(copy, name, value)
    return copy


@transaction.atomic
def version_submit(*, version: BudgetVersion) -> BudgetVersion:
    """Submit for the producer's approval: read-only from now on, until they approve it or send
    it back."""
    _require_unlocked(version)
    version.status = VersionStatus.SUBMITTED
    version.review_note = ""
    version._change_reason = f"Submitted {version.name} for approval"
    version.save(update_fields=["status", "review_note"])
    return version


@transaction.atomic
def version_return(*, version: BudgetVersion, note: str) -> BudgetVersion:
    """The producer sends a submitted version back with a note: it is a working version again."""
    version = BudgetVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.SUBMITTED:
        raise BudgetError(NOT_SUBMITTED)
    note = note.strip()
    if not note:
        raise BudgetError(RETURN_NEEDS_NOTE, field="note")
    version.status = VersionStatus.WORKING
    version.review_note = note
    version._change_reason = f"Sent {version.name} back: {note}"
    version.save(update_fields=["status", "review_note"])
    return version


@transaction.atomic
def version_approve(*, version: BudgetVersion) -> BudgetVersion:
    """Approve and lock: from now on the version is read-only (copy it to change it), and it is
    the current version that actuals and commitments follow."""
    version = BudgetVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_locked:
        raise BudgetError(ALREADY_APPROVED)
    version.status = VersionStatus.APPROVED
    version.approved_at = timezone.now()
    version._change_reason = f"Approved {version.name}"
    version.save(update_fields=["status", "approved_at"])
    return version


@transaction.atomic
def version_make_current(*, version: BudgetVersion) -> BudgetVersion:
    """Choose this version as the current one (what the cost report and the links follow)."""
    version = BudgetVersion.objects.select_for_update().get(pk=version.pk)
    version.made_current_at = timezone.now()
    version._change_reason = f"Made {version.name} the current version"
    version.save(update_fields=["made_current_at"])
    return version
