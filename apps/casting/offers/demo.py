"""The demo's offers: two booked actors whose cost follows the demo board (accepted through the
same service the actor's link calls, one countersigned), an offer out for signature, a draft, a
declined one, and first and second position holds. Nothing is e-mailed: the demo's people are
made up."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from apps.casting.models import Actor, Role
from apps.casting.offers import services
from apps.casting.offers.holds import hold_place
from apps.casting.offers.models import Offer, OfferState
from apps.schedules.models import CastMember

# (rate, unit, hold rate, travel rate, guaranteed days, billing, perks, perks' cost)
BOOKED = [
    ("12500.00", "week", None, "1250.00", 10, "Main titles, 1st position", "Star trailer", "1800"),
    ("1850.00", "day", "925.00", None, 3, "Main titles, 2nd position", "Per diem", "300"),
]
LATER = [
    ("950.00", "day", None, None, 2, "End titles", "", "0"),  # sent
    ("800.00", "day", None, None, 1, "End titles", "", "0"),  # draft
    ("700.00", "day", None, None, 1, "", "", "0"),  # declined
]


NAMES = ["Maren Holt", "Idris Okafor", "Sofía Beltrán", "Tomasz Wiśniewski", "June Park"]


def _role(production, member: CastMember) -> Role:
    role = Role.objects.filter(production=production, cast_member=member).first()
    if role is None:
        role = Role.objects.filter(production=production, name__iexact=member.character).first()
    if role is None:
        role = Role.objects.create(
            production=production, cast_member=member, name=member.character.title()
        )
    return role


def _actor(production, name: str, index: int) -> Actor:
    actor, _ = Actor.objects.get_or_create(
        production=production,
        name=name,
        defaults={"email": f"actor{index}@example.test", "union_status": "union"},
    )
    return actor


def _terms(row) -> dict:
    rate, unit, hold, travel, days, billing, perks, cost = row
    return {
        "rate": Decimal(rate),
        "unit": unit,
        "hold_rate": Decimal(hold) if hold else None,
        "travel_rate": Decimal(travel) if travel else None,
        "guaranteed_days": Decimal(days),
        "billing": billing,
        "perks": perks,
        "perks_amount": Decimal(cost),
    }


def _out(offer: Offer) -> str:
    """Out for signature without an e-mail (the demo sends nothing): the link's token."""
    token = services.offer_issue_token(offer)
    offer.state = OfferState.SENT
    offer.expires_at = timezone.now() + timedelta(days=14)
    offer.save(update_fields=["state", "token_hash", "expires_at"])
    return token


def seed_offers(production, people=None) -> None:
    if Offer.objects.filter(production=production).exists():
        return  # already seeded
    office = (people or {}).get("associate_producer")
    cast = list(CastMember.objects.filter(production=production).order_by("id_number")[:5])
    for index, (member, row) in enumerate(zip(cast, BOOKED + LATER, strict=False)):
        role = _role(production, member)
        if role.booked_actor_id:
            continue
        name = member.actor or NAMES[index]
        actor = _actor(production, name, index)
        offer = services.offer_create(role=role, actor=actor, created_by=office, **_terms(row))
        if index < len(BOOKED):
            services.offer_accept(token=_out(offer), typed_name=actor.name, ip=None)
            if index == 0 and office is not None:
                services.offer_countersign(offer=offer, user=office)
        elif index == len(BOOKED):
            _out(offer)
        elif index == len(BOOKED) + 2:
            services.offer_decline(token=_out(offer))
    if len(cast) > 2:
        role = _role(production, cast[2])
        today = production.today()
        first = _actor(production, "Demo Hold First", 90)
        second = _actor(production, "Demo Hold Second", 91)
        hold_place(role=role, actor=first, position=1, expires_on=today + timedelta(7), today=today)
        hold_place(
            role=role, actor=second, position=2, expires_on=today + timedelta(9), today=today
        )
