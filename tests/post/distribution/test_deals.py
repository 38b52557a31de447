"""Distribution deals: instalments add up to the minimum guarantee, exclusive deals do not
overlap, the delivery date moves the deal's checklist, and the sold-and-open grid."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from apps.core.locking import StaleEdit
from apps.post.deliverables import services as deliverables
from apps.post.deliverables.models import DeliveryKind, ItemStatus
from apps.post.distribution import queries, services
from apps.post.distribution.models import Deal, Instalment
from apps.post.distribution.services import DistributionError, PlannedInstalment

pytestmark = pytest.mark.django_db


def deal(production, **fields) -> Deal:
    values = {
        "territory": "France",
        "theatrical": True,
        "exclusive": True,
        "licensor": "Harbour Light Pictures",
        "licensee": "Ciné Quai",
        "term_start": date(2027, 1, 1),
        "term_end": date(2033, 12, 31),
        "minimum_guarantee": Decimal("100000"),
        **fields,
    }
    return Deal(production=production, **values)


HALVES = [
    PlannedInstalment(date(2027, 1, 10), Decimal("40000"), "on signature"),
    PlannedInstalment(date(2027, 6, 1), Decimal("60000"), "on delivery"),
]


def test_instalments_that_add_up_to_the_mg_are_saved(production):
    made = deal(production)
    services.deal_save(deal=made, instalments=HALVES)
    assert [(i.due_date, i.amount) for i in made.instalments.all()] == [
        (date(2027, 1, 10), Decimal("40000")),
        (date(2027, 6, 1), Decimal("60000")),
    ]


@pytest.mark.parametrize(
    ("amounts", "words"),
    [
        (["40000", "59999.99"], "$99,999.99, but the minimum guarantee is $100,000.00 "
         "($0.01 short)"),
        (["40000", "70000"], "$110,000.00, but the minimum guarantee is $100,000.00 "
         "($10,000.00 too much)"),
        ([], "$0.00, but the minimum guarantee is $100,000.00 ($100,000.00 short)"),
    ],
)  # fmt: skip
def test_instalments_that_do_not_add_up_are_refused_and_nothing_is_saved(
    production, amounts, words
):
    planned = [PlannedInstalment(date(2027, 1, n + 1), Decimal(a)) for n, a in enumerate(amounts)]
    with pytest.raises(DistributionError) as refused:
        services.deal_save(deal=deal(production), instalments=planned)
    assert words in refused.value.message
    assert refused.value.field == "instalments"
    assert not Deal.objects.exists() and not Instalment.objects.exists()


def test_an_instalment_finer_than_the_currency_is_refused(production):
    planned = [PlannedInstalment(date(2027, 1, 1), Decimal("99999.995")), HALVES[0]]
    with pytest.raises(DistributionError, match="USD has 2 decimal place"):
        services.deal_save(
            deal=deal(production, minimum_guarantee=Decimal("139999.995")), instalments=planned
        )


def test_a_deal_with_no_mg_needs_no_instalments(production):
    services.deal_save(deal=deal(production, minimum_guarantee=Decimal("0")), instalments=[])
    assert Deal.objects.count() == 1


def test_an_exclusive_deal_refuses_an_overlapping_deal_for_the_same_right(production):
    services.deal_save(deal=deal(production), instalments=HALVES)
    overlapping = deal(
        production, territory="france", licensee="Autre", term_start=date(2033, 6, 1),
        term_end=date(2036, 1, 1), exclusive=False, minimum_guarantee=Decimal("0"),
    )  # fmt: skip
    with pytest.raises(DistributionError, match="Ciné Quai holds an exclusive deal"):
        services.deal_save(deal=overlapping, instalments=[])
    # Another right, another territory or after the term: allowed.
    for fields in (
        {"theatrical": False, "streaming": True},
        {"territory": "Germany"},
        {"term_start": date(2034, 1, 1)},
    ):
        ok = deal(production, **{**fields, "minimum_guarantee": Decimal("0")})
        ok.term_end = max(ok.term_end, date(2036, 1, 1))
        services.deal_save(deal=ok, instalments=[])
    assert Deal.objects.count() == 4


def test_a_new_exclusive_deal_may_not_overlap_a_non_exclusive_one(production):
    services.deal_save(
        deal=deal(production, exclusive=False, minimum_guarantee=Decimal("0")), instalments=[]
    )
    with pytest.raises(DistributionError, match="holds a deal"):
        services.deal_save(deal=deal(production, licensee="B"), instalments=HALVES)
    # Two non-exclusive deals may share the days.
    services.deal_save(
        deal=deal(production, exclusive=False, licensee="C", minimum_guarantee=Decimal("0")),
        instalments=[],
    )


def test_a_stale_edit_is_refused(production):
    made = deal(production)
    services.deal_save(deal=made, instalments=HALVES)
    first = Deal.objects.get()
    second = Deal.objects.get()
    first.licensee = "One"
    services.deal_save(deal=first, instalments=HALVES, expected_version=1)
    second.licensee = "Two"
    with pytest.raises(StaleEdit):
        services.deal_save(deal=second, instalments=HALVES, expected_version=1)
    assert Deal.objects.get().licensee == "One"


def test_moving_the_delivery_date_moves_the_checklists_open_items(production):
    checklist = deliverables.checklist_create(
        production=production, name="France", kind=DeliveryKind.THEATRICAL,
        recipient="Ciné Quai", due_date=date(2027, 5, 1),
    )  # fmt: skip
    items = list(checklist.items.order_by("position"))
    done = deliverables.item_update(item=items[0], expected_version=1, status=ItemStatus.ACCEPTED)
    own = deliverables.item_update(item=items[1], expected_version=1, due_date=date(2027, 3, 1))
    made = deal(production, delivery_due=date(2027, 5, 1), checklist=checklist)
    assert services.deal_save(deal=made, instalments=HALVES) == 0  # the same date: nothing moves
    made.delivery_due = date(2027, 6, 15)
    moved = services.deal_save(deal=made, instalments=HALVES, expected_version=made.version)
    assert moved == len(items) - 2
    checklist.refresh_from_db()
    assert checklist.due_date == date(2027, 6, 15)
    dates = {i.pk: i.due_date for i in checklist.items.all()}
    assert dates[done.pk] == date(2027, 5, 1)  # accepted: stays
    assert dates[own.pk] == date(2027, 3, 1)  # a date of its own: stays
    assert set(dates.values()) == {date(2027, 5, 1), date(2027, 3, 1), date(2027, 6, 15)}


def test_the_grid_shows_what_is_sold_licensed_and_open_on_a_day(production):
    services.deal_save(deal=deal(production, home=True), instalments=HALVES)
    services.deal_save(
        deal=deal(
            production, territory="Quebec", theatrical=False, streaming=True, exclusive=False,
            licensee="Flux", minimum_guarantee=Decimal("0"),
        ),
        instalments=[],
    )  # fmt: skip
    rows = {row.territory: row for row in queries.grid(production, date(2028, 1, 1))}
    assert "United States" in rows and "Quebec" in rows  # the usual markets, and the deals'
    states = {t: [c.state for c in row.cells] for t, row in rows.items()}
    assert states["France"] == ["sold", "open", "open", "sold"]  # theatrical, TV, streaming, home
    assert states["Quebec"] == ["open", "open", "licensed", "open"]
    assert states["United States"] == ["open"] * 4
    before = {row.territory: row for row in queries.grid(production, date(2026, 1, 1))}
    assert [c.state for c in before["France"].cells] == ["open"] * 4
    exported = {r[0]: r[1:] for r in queries.grid_export_rows(list(rows.values()))}
    assert exported["France"][0] == "Sold: Ciné Quai"
