"""The service API crew and vendors will call: commitments, actuals and account lookup."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.budgets import services
from apps.budgets.models import Actual, Commitment
from apps.budgets.services import NO_CURRENT_VERSION, UNKNOWN_ACCOUNT, BudgetError
from apps.productions.models import Membership
from tests.budgets.factories import budget_from_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(production):
    return budget_from_template(production)


@pytest.fixture
def source(production):
    """Any saved model of the production stands in for a purchase order or a deal memo."""
    return Membership.objects.create(
        production=production,
        user=__import__("tests.factories", fromlist=["UserFactory"]).UserFactory(),
        role="crew",
    )


def test_account_for_finds_the_account_in_the_current_version(production, version):
    assert services.account_for(production, "3301").budget_version == version
    with pytest.raises(BudgetError) as error:
        services.account_for(production, "9999")
    assert error.value.message == UNKNOWN_ACCOUNT.format(number="9999", version=version)


def test_nothing_can_be_posted_before_a_budget_exists(production):
    with pytest.raises(BudgetError) as error:
        services.account_for(production, "3301")
    assert error.value.message == NO_CURRENT_VERSION


def test_recording_a_commitment_twice_for_one_source_updates_it(production, version, source):
    first = services.commitment_record(
        production=production,
        source=source,
        account_number="3301",
        amount=Decimal("1000"),
        description="Deal memo",
    )
    again = services.commitment_record(
        production=production,
        source=source,
        account_number="3301",
        amount=Decimal("1200.004"),
        description="Deal memo, revised",
        date=date(2026, 1, 5),
    )
    assert first.pk == again.pk
    assert Commitment.objects.count() == 1
    assert (again.amount, again.source_label, again.source) == (
        Decimal("1200.00"),
        str(source),
        source,
    )


def test_a_source_may_commit_to_several_accounts_and_release_one_or_all(
    production, version, source
):
    for number in ("3301", "3307"):
        services.commitment_record(
            production=production,
            source=source,
            account_number=number,
            amount=Decimal(500),
            description="PO",
        )
    assert services.commitment_release(source=source, account_number="3301") == 1
    assert services.commitment_release(source=source) == 1
    assert services.commitment_release(source=source) == 0
    assert not Commitment.objects.filter(status=Commitment.Status.OPEN).exists()


def test_a_released_commitment_recorded_again_is_reopened(production, version, source):
    kwargs = {
        "production": production,
        "source": source,
        "account_number": "3301",
        "amount": Decimal(10),
        "description": "PO",
    }
    services.commitment_record(**kwargs)
    services.commitment_release(source=source)
    assert services.commitment_record(**kwargs).status == Commitment.Status.OPEN


def test_posting_an_actual_rounds_it_and_keeps_its_source(production, version, source):
    actual = services.actual_post(
        production=production,
        account_number="3307",
        amount=Decimal("99.995"),
        date=date(2026, 2, 1),
        payee="Camera house",
        description="Rental",
        reference="INV-7",
        source=source,
    )
    assert actual.amount == Decimal("100.00")
    assert actual.source == source and actual.source_label == str(source)


def test_an_actual_for_an_unknown_account_is_refused(production, version):
    with pytest.raises(BudgetError):
        services.actual_post(
            production=production,
            account_number="0000",
            amount=Decimal(1),
            date=date(2026, 2, 1),
            payee="x",
            description="x",
        )
    assert not Actual.objects.exists()


def test_accountants_post_actuals_and_commitments_on_the_page(client, production, version):
    from tests.factories import member

    client.force_login(member(production, "accountant"))
    client.post(
        reverse("budgets:actual_new", args=[production.slug]),
        {
            "date": "2026-02-01",
            "account_number": "3307",
            "payee": "Camera house",
            "description": "Rental",
            "amount": "250.00",
            "reference": "A1",
        },
    )
    client.post(
        reverse("budgets:commitment_new", args=[production.slug]),
        {"date": "2026-02-01", "account_number": "3307", "description": "PO 12", "amount": "900"},
    )
    assert Actual.objects.get().amount == Decimal("250.00")
    commitment = Commitment.objects.get()
    client.post(reverse("budgets:commitment_release", args=[production.slug, commitment.id]))
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.RELEASED


def test_a_commitment_recorded_by_a_racing_call_is_updated_not_duplicated(
    production, version, source, monkeypatch
):
    from django.contrib.contenttypes.models import ContentType

    services.commitment_record(
        production=production,
        source=source,
        account_number="3301",
        amount=Decimal(1),
        description="first",
    )
    # Simulate the race: the lookup misses the row another call has just inserted.
    real_lock = Commitment.objects.select_for_update
    calls = {"n": 0}

    def first_lookup_misses(*args, **kwargs):
        calls["n"] += 1
        query = real_lock(*args, **kwargs)
        return query.none() if calls["n"] == 1 else query

    monkeypatch.setattr(Commitment.objects, "select_for_update", first_lookup_misses)
    services.commitment_record(
        production=production,
        source=source,
        account_number="3301",
        amount=Decimal(2),
        description="second",
    )
    monkeypatch.undo()
    assert calls["n"] == 2  # the missed lookup, then the re-read after the insert clashed
    (only,) = Commitment.objects.filter(source_type=ContentType.objects.get_for_model(source))
    assert (only.amount, only.description) == (Decimal("2.00"), "second")
