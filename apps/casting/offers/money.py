"""What a booked actor costs, committed to the budget's cast account, and re-priced (with a
person's confirmation) when the board moves.

The rule, said once:
- Days come from the Day Out of Days of the role's cast member (apps/schedules/dood.py): work
  days, hold days and travel days as the board stands (worked, on days done).
- A day's rate is the offer's rate (daily), or a fifth of it (weekly: a week is five days). A hold
  day is paid at the hold rate and a travel day at the travel rate, each the day's rate when blank.
- Guaranteed days are a floor: when the board gives fewer days than guaranteed, the missing days
  are paid at the day's rate.
- The pay (the wage, on which the budget's cast fringes fall) is worked out exactly and rounded
  once to the currency's minor unit; the perks' cost (no fringes) is added. A role with no cast
  member on the board costs its guaranteed days.
- The commitment goes through apps.budgets.services (labour: the budget adds the fringes of the
  cast account's lines), on the offer's account or, blank, the chart's cast account.
- When the board moves, the new cost is proposed (a `Reprice`, old -> new and the difference);
  the commitment moves only when a person confirms it, and only if the board has not moved again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from apps.budgets import services as budgets
from apps.budgets.models import Account
from apps.budgets.queries import current_version
from apps.budgets.services import BudgetError
from apps.budgets.services.labour import labour_fringes
from apps.casting.errors import CastingError
from apps.casting.offers.models import Offer, OfferUnit, Reprice, RepriceState
from apps.core.money import format_money, round_money
from apps.crew.services.wording import audit
from apps.schedules.dood import dood

DAYS_PER_WEEK = Decimal(5)
NO_CAST_ACCOUNT = (
    "The current budget has no cast account: choose the offer's account, then commit it again."
)
REPRICE_NOT_PENDING = "This re-price was already applied or replaced by a newer one."
REPRICE_MOVED = (
    "The board moved again since this re-price was proposed: read the new figure and confirm it."
)
REPRICE_NOT_SIGNED = "The offer is no longer signed: nothing to re-price."


@dataclass(frozen=True)
class Cost:
    days: dict  # {"work": n, "hold": n, "travel": n, "guarantee": n}
    wage: Decimal
    amount: Decimal  # wage + perks


def day_rate(offer: Offer) -> Decimal:
    return offer.rate / DAYS_PER_WEEK if offer.unit == OfferUnit.WEEK else offer.rate


def board_days(production, members: list[int]) -> dict[int, dict]:
    """Each cast member's work, hold and travel days on the board (one DOOD read)."""
    if not members:
        return {}
    found = dood(production, only=members, pages=False)
    return {
        row.member.pk: {"work": row.work, "hold": row.hold, "travel": row.travel}
        for row in found.rows
    }


def offer_cost(offer: Offer, days: dict | None) -> Cost:
    """The offer's cost for these board days (None: the role is not on the board)."""
    days = dict(days or {"work": 0, "hold": 0, "travel": 0})
    rate = day_rate(offer)
    hold = offer.hold_rate if offer.hold_rate is not None else rate
    travel = offer.travel_rate if offer.travel_rate is not None else rate
    counted = days["work"] + days["hold"] + days["travel"]
    short = max(Decimal(0), offer.guaranteed_days - counted)
    days["guarantee"] = format(short.normalize(), "f") if short else "0"
    exact = rate * days["work"] + hold * days["hold"] + travel * days["travel"] + rate * short
    currency = offer.production.currency
    wage = round_money(exact, currency)
    return Cost(days, wage, wage + round_money(offer.perks_amount, currency))


def cost_now(offer: Offer) -> Cost:
    member = offer.role.cast_member_id
    days = board_days(offer.production, [member]).get(member) if member else None
    return offer_cost(offer, days)


def cast_account(production) -> str:
    """The chart's cast account: in the current version, the first account of a category named
    Cast that is not the casting director's or casting's expenses."""
    version = current_version(production)
    found = (
        Account.objects.filter(budget_version=version, category__name__iexact="cast")
        .exclude(name__icontains="casting")
        .order_by("position", "number")
        .values_list("number", flat=True)
        .first()
        if version is not None
        else None
    )
    return found or ""


def fringes_on(offer: Offer, wage: Decimal) -> Decimal | None:
    """The fringes the budget would add on `wage` (for a page to show), None without an account."""
    number = offer.committed_account or offer.account_number or cast_account(offer.production)
    try:
        return labour_fringes(budgets.account_for(offer.production, number), wage)
    except BudgetError:
        return None


def commit(offer: Offer, cost: Cost | None = None) -> Cost:
    """Record the offer's cost against its account (an idempotent upsert keyed by the offer). The
    actor's acceptance never fails because the budget is not ready: the reason is kept on the
    offer, and the office commits again from its page."""
    cost = cost or cost_now(offer)
    number = (offer.account_number or cast_account(offer.production)).strip()
    error = ""
    try:
        if not number:
            raise BudgetError(NO_CAST_ACCOUNT)
        if offer.committed_account and offer.committed_account != number:
            budgets.commitment_release(source=offer, account_number=offer.committed_account)
        budgets.commitment_record(
            production=offer.production,
            source=offer,
            account_number=number,
            amount=cost.amount,
            description=f"{offer.actor.name} as {offer.role.name}",
            labour=True,
            wage=cost.wage,
        )
    except BudgetError as exc:
        error = exc.message
    offer.committed_account = "" if error else number
    offer.committed_amount = None if error else cost.amount
    offer.committed_days = {} if error else cost.days
    offer.commitment_error = error[:300]
    Offer.objects.filter(pk=offer.pk).update(
        committed_account=offer.committed_account,
        committed_amount=offer.committed_amount,
        committed_days=offer.committed_days,
        commitment_error=offer.commitment_error,
    )
    return cost


def release(offer: Offer) -> None:
    budgets.commitment_release(source=offer)
    Offer.objects.filter(pk=offer.pk).update(
        committed_account="", committed_amount=None, committed_days={}, commitment_error=""
    )


def signed_money(amount: Decimal, currency: str) -> str:
    text = format_money(abs(amount), currency)
    return f"+{text}" if amount >= 0 else f"-{text}"


@transaction.atomic
def reprices_propose(production, user=None) -> list[Reprice]:
    """The board moved: for each booked actor whose cost changes, a pending re-price (replacing
    an older pending one); a pending one the board has moved back from is withdrawn. Nothing is
    committed here. `user` (who moved the board; None: no one signed in) is named in the audit
    trail."""
    offers = list(  # locked: two board writes committing together propose one at a time
        Offer.objects.select_for_update(of=("self",))
        .select_related("production", "role", "actor")
        .filter(production=production, state__in=("accepted", "countersigned"))
        .exclude(committed_amount__isnull=True)
    )
    days = board_days(production, [o.role.cast_member_id for o in offers if o.role.cast_member_id])
    # Every booked actor's pending re-prices in one read, not one actor at a time.
    pending_of: dict[int, list[Reprice]] = defaultdict(list)
    pending = Reprice.objects.select_for_update().filter(
        offer__in=[offer.pk for offer in offers], state=RepriceState.PENDING
    )
    for reprice in pending.order_by("pk"):
        pending_of[reprice.offer_id].append(reprice)
    made = []
    for offer in offers:
        member = offer.role.cast_member_id
        cost = offer_cost(offer, days.get(member) if member else None)
        pending = pending_of[offer.pk]
        if any(p.new_amount == cost.amount and p.new_days == cost.days for p in pending):
            continue
        for old in pending:
            old.state = RepriceState.SUPERSEDED
            old._change_reason = audit("the board moved again")
            old._history_user = user
            old.save()
        if cost.amount == offer.committed_amount:
            continue
        reprice = Reprice(
            production=production,
            offer=offer,
            old_amount=offer.committed_amount,
            new_amount=cost.amount,
            old_days=offer.committed_days,
            new_days=cost.days,
        )
        reprice._change_reason = audit(
            f"the board moved: {offer.actor.name} would cost "
            f"{format_money(cost.amount, production.currency)} "
            f"({signed_money(reprice.difference, production.currency)}), waiting for confirmation"
        )
        reprice._history_user = user
        reprice.save()
        made.append(reprice)
    return made


@transaction.atomic
def reprice_confirm(*, reprice: Reprice, user) -> Reprice:
    """A person confirms: the commitment moves to the new cost, said in the audit log."""
    reprice = Reprice.objects.select_for_update().get(pk=reprice.pk)
    if reprice.state != RepriceState.PENDING:
        raise CastingError(REPRICE_NOT_PENDING)
    offer = Offer.objects.select_for_update(of=("self",)).select_related(
        "production", "role", "actor"
    )
    offer = offer.get(pk=reprice.offer_id)
    if not offer.is_signed:
        raise CastingError(REPRICE_NOT_SIGNED)
    cost = cost_now(offer)
    if cost.amount != reprice.new_amount or cost.days != reprice.new_days:
        raise CastingError(REPRICE_MOVED)
    commit(offer, cost)
    if offer.commitment_error:
        raise CastingError(offer.commitment_error)
    currency = offer.production.currency
    reprice.state = RepriceState.APPLIED
    reprice.applied_at = timezone.now()
    reprice.applied_by = user
    reprice._change_reason = audit(
        f"re-priced {offer.actor.name} from the board: "
        f"{format_money(reprice.old_amount or 0, currency)} -> "
        f"{format_money(reprice.new_amount, currency)} "
        f"({signed_money(reprice.difference, currency)}), confirmed"
    )
    reprice.save()
    offer._change_reason = reprice._change_reason
    offer.save(update_fields=["committed_amount"])
    return reprice
