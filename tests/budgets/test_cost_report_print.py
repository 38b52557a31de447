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
from tests import pdfs
from tests.budgets.test_cost_report import version  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

# Over budget by 1,000: the variance says so in words, not only in red.
CAMERA = ["10,000.00", "6,000.00", "5,000.00", "0.00", "11,000.00", "(1,000.00)", "over", "60.0%"]


def test_every_row_is_one_line_with_its_figures_under_the_heading(production, version):  # noqa: F811
    report = cost_report(production)
    printed = printed_cost_report(report)
    categories = sum(len(section.children) for section in report.sections)
    assert len(printed.rows) == (
        len(report.sections) + categories + len(report.accounts) + len(report.unbudgeted) + 1
        + len(report.markups) + (report.with_markups is not None)
    )  # fmt: skip
    assert {len(row.text) for row in printed.rows} == {len(printed.heading)}
    # Each figure ends where its column's title ends (a variance's word, "over" or "under", is
    # written in the column's last places, its digits lined up before it).
    title_ends = [m.end() for m in re.finditer(r"\S+(?: \S+)?", printed.heading)][2:]
    assert len(title_ends) == len(FIGURES)
    figures_start = printed.heading.index("Budget") - 2
    variance_end = title_ends[FIGURES.index("Variance")]
    for row in printed.rows:
        text = re.sub(r"\) over |  under", "       ", row.text)
        ends = {m.end() + figures_start for m in re.finditer(r"\S+", text[figures_start:])}
        assert ends - {variance_end - 7} <= set(title_ends), row.text
    camera = next(row for row in printed.rows if row.number == "3307")
    assert camera.over and camera.level == "account"
    assert camera.text.split()[-8:] == CAMERA
    assert camera.text.split()[:2] == ["3307", "Camera"]
    total = next(row for row in printed.rows if row.level == "total")
    assert Decimal(total.text.split()[-8].replace(",", "")) == report.total.budget


def test_a_variance_says_over_or_under_in_words_its_digits_aligned():
    from apps.budgets.printing import variance_words

    words = [variance_words(Decimal(v), "USD") for v in ("-1250", "250", "0", "-0.5")]
    assert words == ["(1,250.00) over ", "250.00  under", "0.00       ", "(0.50) over "]
    width = max(map(len, words))
    ends = {w.rjust(width).rfind("0") for w in words}
    assert len(ends) == 1, "right-aligned, the last digit of every variance stands in one place"


def test_the_pdf_holds_a_row_and_its_figures(client, ap, production, version, tmp_path):  # noqa: F811
    client.force_login(ap)
    url = reverse("budgets:cost_report_export", args=[production.slug])
    response = client.get(url + "?format=pdf")
    path = tmp_path / "cost.pdf"
    path.write_bytes(pdfs.of(response))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in text.splitlines() if line.lstrip().startswith("3307"))
    assert line.split()[-8:] == CAMERA
