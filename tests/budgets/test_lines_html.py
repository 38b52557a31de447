"""An account's lines drawn in Python (apps/budgets/lines_html.py) write what the page's template
wrote for each line, cell by cell, buttons and their URLs included (that template's row is kept
beside this test, line_row.html, to compare with)."""

import re
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template

from apps.budgets import lines_html, queries
from apps.budgets.models import Account
from tests.budgets.factories import account, add_line, budget_from_template, fringe_ids

ROW = (Path(__file__).parent / "line_row.html").read_text()
PRODUCTION = SimpleNamespace(slug="night-ferry")


def _flat(html: str) -> str:
    """Without the white space between tags."""
    return re.sub(r">\s+<", "><", html.strip())


def _line(pk, description, *, amount="1", uses="", amount_formula=None, currency="USD",
          exchange="1", fringes=(), units="Days", total="100", fringe_total="0"):  # fmt: skip
    return SimpleNamespace(
        id=pk,
        description=description,
        amount=Decimal(amount),
        amount_formula=amount if amount_formula is None else amount_formula,
        uses=uses,
        get_units_display=lambda: units,
        x=Decimal("1.000000"),
        x_formula="1",
        rate=Decimal("1250.500000"),
        rate_formula="1250.50",
        currency=currency,
        exchange_rate=Decimal(exchange),
        fringes=SimpleNamespace(all=lambda: [SimpleNamespace(code=c) for c in fringes]),
        fringe_codes=list(fringes),
        total=Decimal(total),
        fringe_total=Decimal(fringe_total),
    )


LINES = [
    _line(1, "Director of photography", amount="25.000000", uses="SHOOT_DAYS",
          amount_formula="SHOOT_DAYS", fringes=("FICA", "P&H"), total="31262.50",
          fringe_total="2391.58"),
    _line(2, 'Dolly "A" <grip> & co\'s', amount="5.2", fringes=("WC",)),
    _line(3, "Lenses from London", currency="GBP", exchange="1.270000", units="Weeks"),
    _line(4, "=HYPERLINK(\"http://x\")\nsecond line", uses="UNITS", amount_formula="3",
          amount="3"),
    _line(5, "Zero", amount="0", total="0"),
]  # fmt: skip


@pytest.mark.parametrize("currency", ["USD", "JPY", "KWD"])
@pytest.mark.parametrize("read_only", [False, True])
@pytest.mark.parametrize("editable", [True, False])
def test_the_rows_written_in_python_are_the_templates(currency, read_only, editable):
    version = SimpleNamespace(id=3, currency=currency, is_read_only=read_only)
    context = {"lines": LINES, "version": version, "production": PRODUCTION}
    expected = Template(ROW).render(Context({**context, "editable": editable}))
    rows = lines_html.line_rows(LINES, production=PRODUCTION, version=version, editable=editable)
    written = "".join(row for _, row in rows)
    assert _flat(written) == _flat(expected)
    assert [line for line, _ in rows] == LINES
    assert "&lt;grip&gt;" in written and "calculator" in written and "@1.27" in written
    buttons = editable and not read_only
    assert ("/p/night-ferry/budget/versions/3/lines/2/delete/" in written) is buttons
    assert ("/lines/4/move/" in written) is buttons


@pytest.mark.django_db
def test_an_accounts_lines_carry_their_fringe_codes_in_the_fringes_order(production):
    version = budget_from_template(production)
    codes = ["MEDICARE", "FICA", "WC"]
    add_line(version, "3301", description="Gaffer", fringes=fringe_ids(version, *codes))
    add_line(version, "3301", description="No fringes")
    add_line(version, "3302", description="Elsewhere", fringes=fringe_ids(version, "FICA"))
    lines = queries.account_lines(account(version, "3301"))
    assert [line.description for line in lines] == ["Gaffer", "No fringes"]
    for line in lines:
        assert line.fringe_codes == [f.code for f in line.fringes.all()]
    assert lines[0].fringe_codes == sorted(codes)


@pytest.mark.django_db
def test_an_accounts_summary_is_the_top_sheets(production):
    version = budget_from_template(production)
    add_line(version, "3301", rate="1234.56", fringes=fringe_ids(version, "FICA"))
    add_line(version, "3302", rate="99.99")
    add_line(version, "2001", rate="5000")
    acc = Account.objects.select_related("category", "budget_version").get(
        budget_version=version, number="3301"
    )
    summary = queries.account_summary(acc)
    sheet = queries.top_sheet(version)
    assert summary.account == sheet.accounts[acc.pk]
    assert summary.category.total == sheet.categories[acc.category_id].total
    assert summary.budget_total == sheet.budget_total
    assert summary.grand_total == sheet.grand_total > summary.budget_total > 0
