"""What the audit log shows of offers, amendments, holds and re-prices."""

from __future__ import annotations

from apps.core import registry


def offers_audited() -> list[registry.Audited]:
    from apps.casting.offers.models import Hold, Offer, OfferAmendment, Reprice

    both = ("actor", "role")
    return [
        registry.Audited(
            Offer, "Offer", lambda o: f"{o.actor.name} for {o.role.name}", select_related=both
        ),
        registry.Audited(
            OfferAmendment,
            "Offer amendment",
            lambda a: f"Amendment {a.number}: {a.offer.actor.name} for {a.offer.role.name}",
            select_related=("offer__actor", "offer__role"),
        ),
        registry.Audited(
            Hold, "Hold", lambda h: f"{h.actor.name} for {h.role.name}", select_related=both
        ),
        registry.Audited(
            Reprice,
            "Cast re-price",
            lambda r: f"{r.offer.actor.name} for {r.offer.role.name}",
            select_related=("offer__actor", "offer__role"),
        ),
    ]
