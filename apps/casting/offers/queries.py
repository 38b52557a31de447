"""Reads for the offers page: every offer with its role and actor, active holds by role, and the
re-prices waiting for confirmation (money old -> new)."""

from __future__ import annotations

from collections import defaultdict

from apps.casting.offers.models import Hold, HoldState, Offer, Reprice, RepriceState


def offers_page(production) -> dict:
    """Three queries: offers, active holds, pending re-prices."""
    offers = list(
        Offer.objects.filter(production=production)
        .select_related("role", "actor")
        .order_by("role__name", "-created_at")
    )
    by_role = defaultdict(list)
    for hold in (
        Hold.objects.filter(production=production, state=HoldState.ACTIVE)
        .select_related("role", "actor")
        .order_by("role__name", "position")
    ):
        by_role[hold.role].append(hold)
    reprices = list(
        Reprice.objects.filter(production=production, state=RepriceState.PENDING).select_related(
            "offer__actor", "offer__role"
        )
    )
    return {"offers": offers, "holds": dict(by_role), "reprices": reprices}


def role_deals(role) -> dict:
    """A role's offers and active holds, for the role's page (`casting/offers/_role.html`): two
    queries. The role page lapses expired holds first (holds.holds_lapse), as the offers page
    does."""
    return {
        "role_offers": list(role.offers.select_related("actor").order_by("-created_at")),
        "role_holds": list(
            role.holds.filter(state=HoldState.ACTIVE).select_related("actor").order_by("position")
        ),
    }


EXPORT_HEADER = [
    "Role",
    "Actor",
    "State",
    "Rate",
    "Per",
    "Guaranteed days",
    "Billing",
    "Committed",
    "Account",
]


def export_rows(offers: list[Offer]) -> list[list]:
    """The offers list as a spreadsheet has it: terms and money, never an address or a phone."""
    return [
        [
            offer.role.name,
            offer.actor.name,
            offer.get_state_display(),
            offer.rate,
            offer.get_unit_display(),
            offer.guaranteed_days,
            offer.billing,
            offer.committed_amount,
            offer.committed_account,
        ]
        for offer in offers
    ]
