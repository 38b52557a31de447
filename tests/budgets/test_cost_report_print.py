"""The printed cost report: each row one line of a ledger, its values in columns aligned under
the heading (apps/budgets/printing.py, what keeps the large cost report's PDF under a second)."""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.budgets.printing import FIGURES, printed_cost_report
from apps.budgets.queries import cost_report
from tests.budgets.test_cost_report import version  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

CAMERA = ["10,000.00", "6,000.00", "5,000.00", "0.00", "11,000.00", "-1,000.00", "60.0%"]


def test_every_row_is_one_line_with_its_figures_under_the_heading(production, version):  # noqa: F811
    report = cost_report(production)
    printed = printed_cost_report(report)
    categories = sum(len(section.children) for section in report.sections)
    assert len(printed.rows) == (
        len(report.sections) + categories + len(report.accounts) + len(report.unbudgeted) + 1
        + len(report.markups) + (report.with_markups is not None)
    )  # fmt: skip
    assert {len(row.text) for row in printed.rows} == {len(printed.heading)}
    # Each figure ends where its column's title ends.
    title_ends = [m.end() for m in re.finditer(r"\S+(?: \S+)?", printed.heading)][2:]
    assert len(title_ends) == len(FIGURES)
    figures_start = printed.heading.index("Budget") - 2
    for row in printed.rows:
        ends = {m.end() + figures_start for m in re.finditer(r"\S+", row.text[figures_start:])}
        assert ends <= set(title_ends), row.text
    camera = next(row for row in printed.rows if row.number == "3307")
    assert camera.over and camera.level == "account"
    assert camera.text.split()[-7:] == CAMERA
    assert camera.text.split()[:1] == ["3307"] and "(over)" in camera.text
    total = next(row for row in printed.rows if row.level == "total")
    assert Decimal(total.text.split()[-7].replace(",", "")) == report.total.budget


def test_the_pdf_holds_a_row_and_its_figures(client, ap, production, version, tmp_path):  # noqa: F811
    client.force_login(ap)
    url = reverse("budgets:cost_report_export", args=[production.slug])
    response = client.get(url + "?format=pdf")
    if response.status_code == 503:
        pytest.skip(response.content.decode())
    path = tmp_path / "cost.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in text.splitlines() if line.lstrip().startswith("3307"))
    assert "(over)" in line
    assert line.split()[-7:] == CAMERA


def test_the_detail_prints_each_line_as_one_ledger_line_a_long_description_wrapped(production):
    from apps.budgets import exports
    from apps.budgets.printing import DESCRIPTION_WIDTH, printed_detail
    from tests.budgets.factories import add_line, budget_from_template

    budget = budget_from_template(production)
    add_line(budget, "3307", description="Camera package with lenses " * 4, rate="9500")
    add_line(budget, "2001", description="Short", rate="12.5")
    heading, rows = printed_detail(budget, exports.detail_lines(budget))
    assert len(rows) == 2
    camera = next(row for row in rows if row.startswith("3307"))
    first, *more = camera.split("\n")
    assert more, "a description longer than its column wraps onto the lines below"
    description_at = heading.index("Description")
    assert all(line[:description_at].isspace() for line in more)
    assert all(len(line[description_at:]) <= DESCRIPTION_WIDTH for line in more)
    total_ends = heading.index("Total") + len("Total")
    assert first[:total_ends].endswith("9,500.00")
