from decimal import Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.budgets.engine.calc import (
    Account,
    Category,
    Fringe,
    LineInput,
    Markup,
    Section,
    fringe_amount,
    fringe_amounts,
    line_total,
    rollup,
)
from apps.core.money import minor_units, round_money

FRINGES = {
    "PT": Fringe("PT", "Payroll tax (example)", "percent", Decimal("7.65"), Decimal(1000)),
    "PH": Fringe("PH", "Pension & health (example)", "percent", Decimal("17.5")),
    "KIT": Fringe("KIT", "Kit per day (example)", "flat", Decimal(25)),
}


def test_a_line_total_is_amount_times_x_times_rate_times_exchange_rate_rounded_once():
    line = LineInput(Decimal(2), Decimal(3), Decimal("10.005"), Decimal("1.1"))
    # 66.033 exactly; rounding each factor first would give a different answer.
    assert line_total(line, "USD") == Decimal("66.03")


def test_jpy_line_totals_round_to_whole_yen():
    line = LineInput(Decimal(1), Decimal(1), Decimal("1234.5"))
    assert str(line_total(line, "JPY")) == "1235"


def test_kwd_line_totals_round_to_three_places():
    line = LineInput(Decimal(1), Decimal(1), Decimal("1.2345"))
    assert str(line_total(line, "KWD")) == "1.235"


def test_a_percent_fringe_is_a_percentage_of_the_line_total():
    line = LineInput(Decimal(1), Decimal(10), Decimal("450.555"), fringe_codes=("PH",))
    total = line_total(line, "USD")
    assert total == Decimal("4505.55")
    assert fringe_amounts(line, total, FRINGES, "USD") == {"PH": Decimal("788.47")}


def test_a_percent_fringe_with_a_cutoff_applies_only_up_to_the_cutoff_per_line():
    line = LineInput(Decimal(1), Decimal(1), Decimal(5000), fringe_codes=("PT",))
    assert fringe_amounts(line, Decimal(5000), FRINGES, "USD") == {"PT": Decimal("76.50")}
    small = LineInput(Decimal(1), Decimal(1), Decimal(500), fringe_codes=("PT",))
    assert fringe_amounts(small, Decimal(500), FRINGES, "USD") == {"PT": Decimal("38.25")}


def test_a_flat_fringe_is_its_rate_per_unit_of_amount_times_x():
    line = LineInput(Decimal(2), Decimal(5), Decimal(300), Decimal("1.3"), ("KIT",))
    assert fringe_amounts(line, line_total(line, "USD"), FRINGES, "USD") == {"KIT": Decimal(250)}


def test_a_line_listing_an_unknown_fringe_code_is_a_value_error():
    line = LineInput(Decimal(1), Decimal(1), Decimal(1), fringe_codes=("NOPE",))
    with pytest.raises(ValueError, match="Unknown fringe code 'NOPE'"):
        fringe_amounts(line, Decimal(1), FRINGES, "USD")


def test_a_flat_fringe_cannot_have_a_cutoff():
    with pytest.raises(ValueError, match="flat"):
        Fringe("X", "X", "flat", Decimal(1), Decimal(1))


def test_a_fringe_kind_must_be_percent_or_flat():
    with pytest.raises(ValueError, match="percent"):
        Fringe("X", "X", "percentage", Decimal(1))  # type: ignore[arg-type]


def test_a_line_cannot_list_the_same_fringe_twice():
    with pytest.raises(ValueError, match="twice"):
        LineInput(Decimal(1), Decimal(1), Decimal(1), fringe_codes=("PT", "PT"))


@pytest.mark.parametrize(
    "make",
    [
        lambda: LineInput(1.0, Decimal(1), Decimal(1)),
        lambda: LineInput(Decimal(1), 1.5, Decimal(1)),
        lambda: LineInput(Decimal(1), Decimal(1), 0.1),
        lambda: LineInput(Decimal(1), Decimal(1), Decimal(1), 1.2),
        lambda: Fringe("X", "X", "percent", 7.65),
        lambda: Fringe("X", "X", "percent", Decimal("7.65"), 1000.0),
        lambda: Markup("Contingency", 10.0, frozenset({"ATL"})),
        lambda: round_money(0.1, "USD"),
        lambda: fringe_amounts(
            LineInput(Decimal(1), Decimal(1), Decimal(1), fringe_codes=("PH",)), 1.0, FRINGES, "USD"
        ),
    ],
)
def test_passing_a_float_anywhere_raises_type_error(make):
    with pytest.raises(TypeError):
        make()


def test_ints_are_accepted_and_become_decimals():
    line = LineInput(2, 3, 4)
    assert isinstance(line.amount, Decimal)
    assert line_total(line, "USD") == Decimal("24.00")


def test_a_markup_must_name_known_section_codes():
    with pytest.raises(ValueError, match="unknown sections"):
        Markup("Fee", Decimal(10), frozenset({"BTL"}))


def test_rollup_totals_accounts_categories_sections_and_markups():
    cast = LineInput(Decimal(1), Decimal(10), Decimal("450.555"), fringe_codes=("PT", "PH"))
    grip = LineInput(Decimal(2), Decimal(3), Decimal(100), fringe_codes=("KIT",))
    truck = LineInput(Decimal(1), Decimal(5), Decimal("99.99"))
    sections = [
        Section("ATL", (Category(1400, (Account(1401, (cast,)),)),)),
        Section(
            "PRODUCTION",
            (Category(2000, (Account(2001, (grip,)), Account(2002, (truck,)))),),
        ),
    ]
    markups = [
        Markup("Contingency", Decimal(10), frozenset({"PRODUCTION"})),
        Markup("Fee", Decimal("2.5"), frozenset({"ATL", "PRODUCTION", "POST"})),
    ]
    totals = rollup(sections, FRINGES, markups, "USD")

    assert totals.accounts[1401].subtotal == Decimal("4505.55")
    assert totals.accounts[1401].fringes == Decimal("76.50") + Decimal("788.47")
    assert totals.accounts[2001].total == Decimal("600.00") + Decimal("150.00")
    assert totals.categories[2000].subtotal == Decimal("600.00") + Decimal("499.95")
    assert totals.sections["PRODUCTION"].total == Decimal("1249.95")
    assert totals.fringes_by_code == {
        "PT": Decimal("76.50"),
        "PH": Decimal("788.47"),
        "KIT": Decimal("150.00"),
    }
    assert totals.markups["Contingency"] == Decimal("125.00")  # 124.995 rounded half up
    assert totals.markups["Fee"] == Decimal("165.51")  # 2.5% of 6620.47 = 165.51175
    assert totals.grand_total == Decimal("6620.47") + Decimal("125.00") + Decimal("165.51")


def test_rollup_of_an_empty_budget_is_zero_in_the_currency_minor_unit():
    totals = rollup([Section("POST")], {}, [], "USD")
    assert str(totals.sections["POST"].total) == "0.00"
    assert str(totals.grand_total) == "0.00"


def test_rollup_rejects_duplicate_account_ids():
    account = Account(1, (LineInput(1, 1, 1),))
    with pytest.raises(ValueError, match="Duplicate account id 1"):
        rollup([Section("ATL", (Category(1, (account, account)),))], {}, [], "USD")


# Hypothesis: realistic magnitudes (up to 10^6 per factor, a few decimals) keep every
# product within the engine's 200 exact digits.
quantities = st.decimals(min_value=-100, max_value=10**4, places=2)
rates = st.decimals(min_value=0, max_value=10**6, places=4)
exchange_rates = st.decimals(min_value=Decimal("0.0001"), max_value=1000, places=4)
fringe_code_sets = st.lists(st.sampled_from(sorted(FRINGES)), unique=True).map(tuple)
lines = st.builds(LineInput, quantities, quantities, rates, exchange_rates, fringe_code_sets)
currencies = st.sampled_from(["USD", "JPY", "KWD", "EUR"])
markup_lists = st.lists(
    st.builds(
        Markup,
        name=st.sampled_from(["Contingency", "Fee", "Insurance"]),
        percent=st.decimals(min_value=0, max_value=30, places=3),
        sections=st.frozensets(st.sampled_from(["ATL", "PRODUCTION", "POST", "OTHER"])),
    ),
    max_size=3,
    unique_by=lambda markup: markup.name,
)


def _budget(line_list, grouping):
    """Spread lines over four sections, two categories each, two accounts each."""
    codes = ["ATL", "PRODUCTION", "POST", "OTHER"]
    buckets: dict[int, list[LineInput]] = {slot: [] for slot in range(16)}
    for line, slot in zip(line_list, grouping, strict=True):
        buckets[slot].append(line)
    return [
        Section(
            codes[s],
            tuple(
                Category(
                    f"{s}{c}",
                    tuple(
                        Account(f"{s}{c}{a}", tuple(buckets[s * 4 + c * 2 + a])) for a in range(2)
                    ),
                )
                for c in range(2)
            ),
        )
        for s in range(4)
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(lines, max_size=25).flatmap(
        lambda ls: st.tuples(
            st.just(ls),
            st.lists(st.integers(0, 15), min_size=len(ls), max_size=len(ls)),
            st.permutations(range(len(ls))),
        )
    ),
    markup_lists,
    currencies,
)
def test_the_grand_total_is_the_sum_of_rounded_lines_fringes_and_markups_in_any_order(
    case, markups, currency
):
    line_list, grouping, order = case
    expected_lines = sum((line_total(line, currency) for line in line_list), Decimal(0))
    expected_fringes = sum(
        (
            amount
            for line in line_list
            for amount in fringe_amounts(
                line, line_total(line, currency), FRINGES, currency
            ).values()
        ),
        Decimal(0),
    )

    totals = rollup(_budget(line_list, grouping), FRINGES, markups, currency)
    shuffled = rollup(
        _budget([line_list[i] for i in order], [grouping[i] for i in order]),
        FRINGES,
        list(reversed(markups)),
        currency,
    )

    assert totals.budget.subtotal == expected_lines
    assert totals.budget.fringes == expected_fringes
    assert totals.grand_total == expected_lines + expected_fringes + sum(
        totals.markups.values(), Decimal(0)
    )
    assert shuffled.grand_total == totals.grand_total
    assert shuffled.sections == totals.sections
    assert sum(totals.fringes_by_code.values(), Decimal(0)) == expected_fringes
    section_sum = sum((t.total for t in totals.sections.values()), Decimal(0))
    assert section_sum == totals.budget.total


@settings(max_examples=200, deadline=None)
@given(
    lines,
    st.decimals(min_value=0, max_value=10**6, places=2),
    st.decimals(min_value=0, max_value=100, places=3),
    currencies,
)
def test_a_percent_fringe_with_a_cutoff_never_exceeds_the_cutoff_times_its_rate(
    line, cutoff, rate, currency
):
    fringe = Fringe("PT", "Payroll tax", "percent", rate, cutoff)
    amount = fringe_amount(fringe, line, line_total(line, currency), currency)
    assert amount <= round_money(cutoff * rate / 100, currency)


@settings(max_examples=200, deadline=None)
@given(lines, st.sampled_from(["JPY", "KRW", "ISK"]))
def test_currencies_without_minor_units_round_every_amount_to_whole_units(line, currency):
    total = line_total(line, currency)
    assert total == total.to_integral_value()
    for amount in fringe_amounts(line, total, FRINGES, currency).values():
        assert amount.as_tuple().exponent == 0


@settings(max_examples=200, deadline=None)
@given(lines, currencies)
def test_every_line_total_is_the_exact_product_rounded_once(line, currency):
    with localcontext(prec=100):
        exact = line.amount * line.x * line.rate * line.exchange_rate
    half_unit = Decimal("0.5").scaleb(-minor_units(currency))
    assert abs(line_total(line, currency) - exact) <= half_unit
