"""Labour costs flow into the budget through the budgets service: an accepted memo commits its
guaranteed cost to the position's account, an accepted amendment moves it, voids release it, a
release commits what the terms owe (tests/crew/test_release_cost.py), and a declined offer
commits nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.budgets.models import Commitment
from apps.budgets.queries import cost_report
from apps.budgets.services import NO_CURRENT_VERSION
from apps.crew import services
from apps.crew.models import DealMemo, Engagement, MemoState, RateUnit
from apps.crew.services import NO_ACCOUNT, memo_cost
from tests.budgets.factories import budget_from_template
from tests.crew.factories import CandidateFactory, DealMemoFactory, PositionFactory

pytestmark = pytest.mark.django_db

START = date(2030, 3, 4)


@pytest.fixture
def version(production):
    return budget_from_template(production)  # the feature chart: 3301 is Director of Photography


def offer(production, **terms) -> DealMemo:
    defaults = {
        "position": PositionFactory(department__production=production, account_number="3301"),
        "rate": Decimal("500.00"),
        "unit": RateUnit.DAY,
        "guarantee": Decimal("20"),
        "kit_rental": Decimal("150.00"),
        "per_diem": Decimal("60.00"),
        "start_date": START,
        "end_date": START + timedelta(days=29),  # 30 contracted days
        "person__name": "Ada Lovelace",
    }
    memo = DealMemoFactory(**{**defaults, **terms})
    memo.state = MemoState.SENT
    memo.expires_at = timezone.now() + timedelta(days=14)
    token = services.memo_issue_token(memo)
    memo.save()
    memo.token = token
    return memo


def accept(memo: DealMemo) -> DealMemo:
    services.memo_accept(token=memo.token, typed_name=memo.person.name, ip="198.51.100.4")
    memo.refresh_from_db()
    return memo


def open_commitments(**filters):
    return list(
        Commitment.objects.filter(status=Commitment.Status.OPEN, **filters).values_list(
            "account_number", "amount"
        )
    )


def test_accepting_commits_the_guaranteed_cost_to_the_positions_account(production, version):
    memo = accept(offer(production))
    # 500 × 20 + 150 kit + 60 per diem
    assert open_commitments() == [("3301", Decimal("10210.00"))]
    assert (memo.committed_account, memo.committed_amount) == ("3301", Decimal("10210.00"))
    commitment = Commitment.objects.get()
    assert commitment.source_label == str(memo)
    report = cost_report(production)
    row = next(r for r in report.accounts if r.number == "3301")
    assert row.committed == Decimal("10210.00")


def test_the_cost_is_rounded_once_not_per_part(production):
    memo = DealMemoFactory(
        position__department__production=production,
        rate=Decimal("100.0050"),
        guarantee=Decimal("3"),
        kit_rental=Decimal("0"),
        per_diem=Decimal("0"),
    )
    assert memo_cost(memo) == Decimal("300.02")  # 300.015 half up; per-day rounding gives 300.03


def test_a_declined_offer_commits_nothing(client, production, version):
    candidate = CandidateFactory(opening__position__department__production=production)
    memo = offer(production, candidate=candidate, person=candidate.person)
    response = client.post(
        reverse("deal_memo_accept", kwargs={"token": memo.token}), {"action": "decline"}
    )
    assert response.status_code == 200
    assert not Commitment.objects.exists()
    assert not Engagement.objects.exists()
    memo.refresh_from_db()
    assert memo.committed_amount is None


def test_a_sent_or_draft_memo_commits_nothing(production, version):
    offer(production)
    DealMemoFactory(position__department__production=production)
    assert not Commitment.objects.exists()


def test_an_accepted_amendment_moves_the_commitment(production, version):
    memo = accept(offer(production))
    services.amendment_draft(memo=memo, reason="Rate agreed", rate=Decimal("550.00"))
    services.amendment_send(memo=memo)
    assert open_commitments() == [("3301", Decimal("10210.00"))]  # not until accepted
    amendment = memo.amendments.get()
    token = services.amendment_issue_token(amendment)
    amendment.save()
    services.amendment_accept(token=token, typed_name="Ada Lovelace", ip=None)
    assert open_commitments() == [("3301", Decimal("11210.00"))]
    assert Commitment.objects.count() == 1


def test_an_amendment_to_another_position_moves_the_commitment_to_its_account(production, version):
    memo = accept(offer(production))
    operator = PositionFactory(department=memo.position.department, account_number="3302")
    services.amendment_draft(memo=memo, reason="Moves up to operator", position=operator)
    services.amendment_send(memo=memo)
    amendment = memo.amendments.get()
    token = services.amendment_issue_token(amendment)
    amendment.save()
    services.amendment_accept(token=token, typed_name="Ada Lovelace", ip=None)
    assert open_commitments() == [("3302", Decimal("10210.00"))]
    released = Commitment.objects.get(account_number="3301")
    assert released.status == Commitment.Status.RELEASED
    assert Engagement.objects.get().position == operator


def test_voiding_a_signed_memo_releases_its_commitment(production, version):
    memo = accept(offer(production))
    services.memo_void(memo=memo)
    assert open_commitments() == []
    assert Commitment.objects.get().status == Commitment.Status.RELEASED


def test_a_release_inside_the_guarantee_keeps_the_guarantee_committed(production, version):
    memo = accept(offer(production))
    engagement = Engagement.objects.get()
    services.engagement_release(
        engagement=engagement, last_day=START + timedelta(days=9), reason="Scenes cut"
    )
    # No shoot day is scheduled: nothing of the 20 guaranteed days is worked off.
    assert open_commitments() == [("3301", Decimal("10210.00"))]
    memo.refresh_from_db()
    assert memo.committed_amount == Decimal("10210.00")


def test_the_cost_before_a_release_is_the_guarantee_with_kit_and_per_diem(production):
    memo = DealMemoFactory(
        position__department__production=production,
        rate=Decimal("400"),
        guarantee=Decimal("10"),
        kit_rental=Decimal("0"),
        end_date=None,
        start_date=START,
    )
    assert memo_cost(memo) == Decimal("4000.00")


def test_without_a_budget_the_hire_still_accepts_and_the_office_commits_later(
    ap_client, production
):
    memo = accept(offer(production))
    assert memo.state == MemoState.ACCEPTED and Engagement.objects.exists()
    assert memo.commitment_error == NO_CURRENT_VERSION
    page = ap_client.get(
        reverse("crew:memo", kwargs={"production_slug": production.slug, "pk": memo.pk})
    )
    assert "Not committed to the budget" in page.content.decode()
    budget_from_template(production)
    ap_client.post(
        reverse("crew:memo_commit", kwargs={"production_slug": production.slug, "pk": memo.pk})
    )
    memo.refresh_from_db()
    assert memo.commitment_error == "" and open_commitments() == [("3301", Decimal("10210.00"))]


def test_a_position_without_an_account_says_so(production, version):
    memo = accept(
        offer(
            production,
            position=PositionFactory(department__production=production, account_number=""),
        )
    )
    assert memo.commitment_error == NO_ACCOUNT.format(position=memo.position)
    assert not Commitment.objects.exists()


def test_the_panel_shows_labour_committed_to_those_who_see_rates(
    client, ap_client, production, version
):
    from apps.productions.capabilities import Role
    from tests.factories import member

    accept(offer(production))
    panel = next(
        p
        for p in ap_client.get(production.get_absolute_url()).context["panels"]
        if p["title"] == "Open hires"
    )
    assert panel["labour_committed"] == Decimal("10210.00")
    client.force_login(member(production, Role.COORDINATOR))
    page = client.get(production.get_absolute_url())
    assert "Labour committed" not in page.content.decode()
