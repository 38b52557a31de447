"""Money spent (actuals) and promised (commitments) against the budget: the API other apps call.

Crew (deal memos) and vendors (purchase orders, invoices) never write budget tables; they call
these keyword-only functions and pass their own object as ``source``. The source is stored as a
generic reference (content type + id) with a human label (``str(source)``), so the cost report
needs no knowledge of those apps.

Accounts are named by number and checked against the production's CURRENT version
(``apps.budgets.queries.current_version``: the most recently approved/locked version, else the
most recently created working or submitted one).
"""

from __future__ import annotations

from datetime import date as Date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from apps.budgets.models import Account, Actual, Commitment, CostEstimate
from apps.budgets.queries import current_version
from apps.budgets.services.editing import BudgetError
from apps.budgets.services.labour import labour_fringes
from apps.core.locking import StaleEdit, save_if_unchanged
from apps.core.money import round_money
from apps.productions.models import Production

NO_CURRENT_VERSION = "This production has no budget yet: create one before posting costs to it."
UNKNOWN_ACCOUNT = "Account {number} is not in the current budget ({version})."
SOURCE_NOT_SAVED = "The source must be a saved object."
SOURCE_OTHER_PRODUCTION = "The source belongs to another production."


def account_for(production: Production, number: str) -> Account:
    """The account numbered ``number`` in the production's current version.

    Raises BudgetError (NO_CURRENT_VERSION or UNKNOWN_ACCOUNT).
    """
    version = current_version(production)
    if version is None:
        raise BudgetError(NO_CURRENT_VERSION)
    account = (
        Account.objects.select_related("category", "budget_version")
        .filter(budget_version=version, number=str(number).strip())
        .first()
    )
    if account is None:
        raise BudgetError(UNKNOWN_ACCOUNT.format(number=number, version=version), "account_number")
    return account


def _money(production: Production, amount: Decimal) -> Decimal:
    return round_money(amount, production.currency)


def _source_fields(source: models.Model | None, production: Production) -> dict:
    if source is None:
        return {"source_type": None, "source_id": None, "source_label": ""}
    if source.pk is None:
        raise BudgetError(SOURCE_NOT_SAVED)
    owner = getattr(source, "production_id", None)
    if owner is not None and owner != production.pk:
        raise BudgetError(SOURCE_OTHER_PRODUCTION)
    return {
        "source_type": ContentType.objects.get_for_model(source),
        "source_id": source.pk,
        "source_label": str(source)[:200],
    }


@transaction.atomic
def commitment_record(
    *,
    production: Production,
    source: models.Model,
    account_number: str,
    amount: Decimal,
    description: str,
    date: Date | None = None,
    labour: bool = False,
    wage: Decimal | None = None,
) -> Commitment:
    """Record or update the open commitment of ``source`` on ``account_number`` (idempotent:
    calling it twice with the same source and account updates one row; a released commitment
    recorded again is reopened).

    ``labour``: the amount pays labour (a deal memo's), so the commitment also carries the
    fringes the current version's lines on that account apply to its ``wage`` (the part of the
    amount that is pay: not kit rental or per diem; the whole amount when not given), stored as
    its own amount and worked out again on every call. Other commitments carry no fringes."""
    account = account_for(production, account_number)
    total = _money(production, amount)
    base = total if wage is None else min(_money(production, wage), total)
    fringes = labour_fringes(account, base) if labour else _money(production, Decimal(0))
    fields = _source_fields(source, production)
    commitment = (
        Commitment.objects.select_for_update()
        .filter(
            source_type=fields["source_type"],
            source_id=fields["source_id"],
            account_number=account.number,
        )
        .first()
    )
    if commitment is None:
        commitment = Commitment(production=production, account_number=account.number, **fields)
    commitment.source_label = fields["source_label"]
    commitment.amount = total
    commitment.fringe_amount = fringes
    commitment.description = description[:200]
    commitment.date = date or commitment.date or production.today()
    commitment.status = Commitment.Status.OPEN
    commitment.released_at = None
    if commitment.pk is not None:
        commitment.save()
        return commitment
    try:
        with transaction.atomic():
            commitment.save()
    except IntegrityError:
        # Another call recorded this source on this account between our read and our insert:
        # update that row instead (the upsert stays idempotent under a race).
        existing = Commitment.objects.select_for_update().get(
            source_type=fields["source_type"],
            source_id=fields["source_id"],
            account_number=account.number,
        )
        commitment.pk = commitment.id = existing.pk
        commitment.save()
    return commitment


@transaction.atomic
def commitment_release(*, source: models.Model, account_number: str | None = None) -> int:
    """Release the open commitments of ``source`` (on one account, or all); returns how many.

    Releasing twice is harmless (the second call releases nothing)."""
    rows = Commitment.objects.filter(
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
        status=Commitment.Status.OPEN,
    )
    if account_number is not None:
        rows = rows.filter(account_number=str(account_number).strip())
    count = 0
    for commitment in rows.select_for_update():
        commitment.status = Commitment.Status.RELEASED
        commitment.released_at = timezone.now()
        commitment.save(update_fields=["status", "released_at"])
        count += 1
    return count


@transaction.atomic
def commitment_relieve(
    *, source: models.Model, account_number: str, amount: Decimal, fringes: Decimal = Decimal(0)
) -> Commitment | None:
    """Money committed for ``source`` on an account is now spent (an actual was posted for it):
    its open commitment there goes down by ``amount`` and its fringes by ``fringes``, to the cent
    and never below zero (spending past the commitment leaves nothing committed). A negative
    amount (a correction) gives back as much. None when ``source`` has nothing open there."""
    commitment = (
        Commitment.objects.select_for_update()
        .filter(
            source_type=ContentType.objects.get_for_model(source),
            source_id=source.pk,
            account_number=str(account_number).strip(),
            status=Commitment.Status.OPEN,
        )
        .first()
    )
    if commitment is None:
        return None
    production = commitment.production
    zero = _money(production, Decimal(0))
    commitment.amount = max(zero, _money(production, commitment.amount - amount))
    commitment.fringe_amount = max(zero, _money(production, commitment.fringe_amount - fringes))
    commitment.save(update_fields=["amount", "fringe_amount"])
    return commitment


@transaction.atomic
def commitment_add_manual(
    *, production: Production, account_number: str, amount: Decimal, description: str, date
) -> Commitment:
    account = account_for(production, account_number)
    return Commitment.objects.create(
        production=production,
        account_number=account.number,
        amount=_money(production, amount),
        description=description,
        date=date,
    )


@transaction.atomic
def commitment_release_manual(*, commitment: Commitment) -> Commitment:
    commitment.status = Commitment.Status.RELEASED
    commitment.released_at = timezone.now()
    commitment.save(update_fields=["status", "released_at"])
    return commitment


@transaction.atomic
def actual_post(
    *,
    production: Production,
    account_number: str,
    amount: Decimal,
    date: Date,
    payee: str,
    description: str,
    reference: str = "",
    source: models.Model | None = None,
    fringes: Decimal | None = None,
) -> Actual:
    """Post money spent against an account of the current version (refunds are negative).

    ``fringes``: the payroll fringes paid on it, when the accounts report them (kept apart, and
    counted in the actual's total); nothing is worked out when they are not given."""
    account = account_for(production, account_number)
    return Actual.objects.create(
        production=production,
        account_number=account.number,
        amount=_money(production, amount),
        fringe_amount=_money(production, fringes or Decimal(0)),
        date=date,
        payee=payee[:200],
        description=description[:200],
        reference=reference[:100],
        **_source_fields(source, production),
    )


@transaction.atomic
def estimate_set(
    *,
    production: Production,
    account_number: str,
    amount: Decimal | None,
    expected_version: int | None = None,
) -> CostEstimate | None:
    """Set the estimate to complete of an account; None clears it (the default applies again).

    ``expected_version`` is the version the form was loaded at (0: there was no estimate; None:
    do not check); a save over someone else's newer estimate raises StaleEdit."""
    account = account_for(production, account_number)
    estimate = (
        CostEstimate.objects.select_for_update()
        .filter(production=production, account_number=account.number)
        .first()
    )
    current = 0 if estimate is None else estimate.version
    if expected_version is not None and current != expected_version:
        raise StaleEdit("estimate to complete")
    if amount is None:
        if estimate is not None:
            estimate.delete()
        return None
    if estimate is None:
        try:
            with transaction.atomic():
                return CostEstimate.objects.create(
                    production=production,
                    account_number=account.number,
                    amount=_money(production, amount),
                )
        except IntegrityError:
            raise StaleEdit("estimate to complete") from None
    estimate.amount = _money(production, amount)
    save_if_unchanged(estimate, expected_version=current, what="estimate to complete")
    return estimate
