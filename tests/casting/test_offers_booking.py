"""An offer accepted through its link books the actor and commits the Day Out of Days' cost to the
cent; when the board moves, the new cost waits for a person's confirmation."""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest

from apps.budgets.models import Commitment
from apps.casting.errors import CastingError
from apps.casting.models import RoleStatus, Unavailability
from apps.casting.offers import money
from apps.casting.offers import services as offers
from apps.casting.offers.models import OfferState, Reprice, RepriceState
from apps.productions.links import production_url
from apps.schedules import services
from apps.schedules.queries import board as board_of
from tests.casting.offer_fixtures import TERMS, board, budget, role_and_actor, sent_token

pytestmark = pytest.mark.django_db
CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def expected(work: int, hold: int, travel: int) -> tuple[Decimal, Decimal]:
    """The rule, worked out here by hand: a week's rate / 5 a work day, hold and travel days at
    their rates, rounded once; perks on top; FICA 6.2% and Medicare 1.45% on the pay."""
    wage = cents(Decimal("5000.03") / 5 * work + Decimal("500") * hold + Decimal("400") * travel)
    fringes = cents(wage * Decimal("0.062")) + cents(wage * Decimal("0.0145"))
    return wage + Decimal("250.00"), fringes


@pytest.fixture
def booked(production, django_capture_on_commit_callbacks):
    ana, days, scenes = board(production)
    budget(production)
    role, actor = role_and_actor(production, ana)
    Unavailability.objects.create(
        production=production, actor=actor, start=days[2].date, end=days[2].date
    )
    offer = offers.offer_create(role=role, actor=actor, **TERMS)
    token = sent_token(offer, django_capture_on_commit_callbacks)
    offers.offer_accept(token=token, typed_name="  ada   LOVELACE ", ip="203.0.113.9")
    offer.refresh_from_db()
    return offer, days, scenes


def test_an_offer_accepted_through_its_link_books_the_actor_everywhere(booked):
    offer, days, _ = booked
    assert offer.state == OfferState.ACCEPTED
    assert (offer.accepted_name, offer.accepted_ip) == ("ada LOVELACE", "203.0.113.9")
    role = offer.role
    role.refresh_from_db()
    assert role.booked_actor == offer.actor and role.status == RoleStatus.BOOKED
    member = role.cast_member
    member.refresh_from_db()
    assert (member.actor, member.email) == ("Ada Lovelace", "ada@example.test")
    assert member.history.first().history_change_reason == "Ada Lovelace booked for Ana (casting)"


def test_acceptance_commits_the_dood_cost_to_the_cent_with_the_cast_fringes(booked):
    offer, _, _ = booked
    amount, fringes = expected(work=3, hold=1, travel=1)
    commitment = Commitment.objects.get()
    assert commitment.account_number == "1401"
    assert (commitment.amount, commitment.fringe_amount) == (amount, fringes)
    assert amount == Decimal("4150.02")
    assert offer.committed_days == {"work": 3, "hold": 1, "travel": 1, "guarantee": "0"}


def test_the_guaranteed_days_are_a_floor(production):
    ana, _, _ = board(production)
    role, actor = role_and_actor(production, ana)
    offer = offers.offer_create(role=role, actor=actor, **{**TERMS, "guaranteed_days": 7})
    cost = money.cost_now(offer)
    # 3 work, 1 hold, 1 travel: 2 days short of 7, paid at the day's rate
    assert cost.wage == cents(Decimal("1000.006") * 5 + 500 + 400)


def test_moving_a_strip_proposes_a_reprice_and_moves_nothing_until_confirmed(
    booked, ap, django_capture_on_commit_callbacks
):
    offer, _, scenes = booked
    production = offer.production
    with django_capture_on_commit_callbacks(execute=True):
        services.scene_move(production=production, scene_id=scenes[2].pk, day_id=None, position=0)
    reprice = Reprice.objects.get(state=RepriceState.PENDING)
    new_amount, new_fringes = expected(work=2, hold=2, travel=1)
    assert (reprice.old_amount, reprice.new_amount) == (Decimal("4150.02"), new_amount)
    assert reprice.difference == Decimal("-500.01")
    assert Commitment.objects.get().amount == Decimal("4150.02")  # nothing moved yet
    money.reprice_confirm(reprice=reprice, user=ap)
    commitment = Commitment.objects.get()
    assert (commitment.amount, commitment.fringe_amount) == (new_amount, new_fringes)
    reprice.refresh_from_db()
    assert reprice.state == RepriceState.APPLIED
    assert "-$500.01" in reprice.history.first().history_change_reason


def test_a_reprice_the_board_has_moved_past_is_refused(
    booked, ap, django_capture_on_commit_callbacks
):
    offer, days, scenes = booked
    production = offer.production
    with django_capture_on_commit_callbacks(execute=True):
        services.scene_move(production=production, scene_id=scenes[2].pk, day_id=None, position=0)
    first = Reprice.objects.get(state=RepriceState.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        services.scene_move(
            production=production, scene_id=scenes[2].pk, day_id=days[2].pk, position=0
        )
    first.refresh_from_db()
    assert first.state == RepriceState.SUPERSEDED  # back where it was: nothing to confirm
    assert not Reprice.objects.filter(state=RepriceState.PENDING).exists()
    with pytest.raises(CastingError):
        money.reprice_confirm(reprice=first, user=ap)


def test_the_booked_actors_unavailable_dates_are_schedule_conflicts(booked):
    offer, days, _ = booked
    conflicts = board_of(offer.production).conflicts
    assert [(c.kind, c.day.pk) for c in conflicts if c.kind == "cast"] == [("cast", days[2].pk)]


def test_a_name_that_is_not_the_actors_is_refused(production, django_capture_on_commit_callbacks):
    ana, _, _ = board(production)
    role, actor = role_and_actor(production, ana, name="Zoë  O'Brien-Ng")
    offer = offers.offer_create(role=role, actor=actor, **TERMS)
    token = sent_token(offer, django_capture_on_commit_callbacks)
    with pytest.raises(CastingError, match="Zoë  O'Brien-Ng"):
        offers.offer_accept(token=token, typed_name="Zoe OBrien-Ng", ip=None)
    offers.offer_accept(token=token, typed_name="zoë o'brien-ng", ip=None)
    with pytest.raises(CastingError, match="not valid"):
        offers.offer_accept(token=token, typed_name="zoë o'brien-ng", ip=None)


def test_voiding_a_signed_offer_unbooks_and_releases(booked):
    offer, days, _ = booked
    offers.offer_void(offer=offer)
    offer.role.refresh_from_db()
    member = offer.role.cast_member
    member.refresh_from_db()
    assert offer.role.booked_actor is None and member.actor == ""
    assert member.unavailable_dates == []
    assert Commitment.objects.get().status == Commitment.Status.RELEASED


def test_the_ap_sees_the_reprice_with_its_difference_and_confirms_it_on_the_page(
    booked, ap_client, django_capture_on_commit_callbacks
):
    from apps.productions.links import production_url

    offer, _, scenes = booked
    production = offer.production
    with django_capture_on_commit_callbacks(execute=True):
        services.scene_move(production=production, scene_id=scenes[2].pk, day_id=None, position=0)
    page = ap_client.get(production_url(production, "casting:offers")).text
    assert "The board moved: cast costs to confirm" in page
    assert "$4,150.02" in page and "$3,650.01" in page and "-$500.01" in page
    assert "2 work, 2 hold, 1 travel (was 3, 1, 1)" in page
    assert Commitment.objects.get().amount == Decimal("4150.02")  # shown, not applied
    reprice = Reprice.objects.get(state=RepriceState.PENDING)
    ap_client.post(production_url(production, "casting:reprice_confirm", pk=reprice.pk))
    assert Commitment.objects.get().amount == Decimal("3650.01")
    assert (
        "cast costs to confirm"
        not in ap_client.get(production_url(production, "casting:offers")).text
    )


def test_the_booked_actor_is_named_on_the_day_out_of_days(booked, ap_client):
    """Booking makes the actor the part's actor everywhere: the DOOD page, and its CSV, name her
    on the part's row (ANA, 3 work, 1 hold, 1 travel)."""
    offer, _, _ = booked
    production = offer.production
    url = production_url(production, "schedules:report", key="dood")
    page = ap_client.get(url).content.decode()
    row = page[page.index("ANA") :]
    assert "Ada Lovelace" in row[: row.index("</tr>")]
    rows = list(csv.reader(io.StringIO(ap_client.get(url + "?format=csv").content.decode())))
    (ana,) = [r for r in rows if "ANA" in r]
    assert "Ada Lovelace" in ana


def test_a_daily_rate_offer_costs_its_days_times_its_rates_plus_fringes_to_the_cent(
    production, django_capture_on_commit_callbacks
):
    """Worked by hand for the board's 3 work, 1 hold and 1 travel day at a daily rate:
    3 x 812.37 + 1 x 400.50 (hold) + 1 x 812.37 (travel: no travel rate, the day's) = 3,649.98;
    FICA 6.2% = 226.30 and Medicare 1.45% = 52.92 on that; perks 75.00 on top, no fringes:
    committed 3,724.98 with 279.22 of fringes, 4,004.20 in all."""
    ana, _, _ = board(production)
    budget(production)
    role, actor = role_and_actor(production, ana)
    terms = {
        "rate": Decimal("812.37"),
        "unit": "day",
        "hold_rate": Decimal("400.50"),
        "travel_rate": None,
        "guaranteed_days": Decimal("1"),  # below the 5 days the board gives: no floor
        "perks_amount": Decimal("75.00"),
    }
    offer = offers.offer_create(role=role, actor=actor, **terms)
    cost = money.cost_now(offer)
    assert cost.wage == Decimal("3649.98")
    token = sent_token(offer, django_capture_on_commit_callbacks)
    offers.offer_accept(token=token, typed_name="Ada Lovelace", ip=None)
    commitment = Commitment.objects.get()
    assert commitment.amount == Decimal("3724.98")
    assert commitment.fringe_amount == Decimal("279.22")
    assert commitment.amount + commitment.fringe_amount == Decimal("4004.20")
