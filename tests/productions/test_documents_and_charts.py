from __future__ import annotations

import subprocess
from decimal import Decimal

import pytest

from apps.productions.charts import bar_chart, line_chart
from apps.productions.documents import render_pdf


def test_a_line_chart_escapes_labels_and_draws_the_reference():
    svg = line_chart(
        [("<b>Mon</b>", Decimal("10.50")), ("Tue", Decimal("30"))],
        title="Spend",
        reference=Decimal("40"),
    )
    assert "&lt;b&gt;Mon&lt;/b&gt;" in svg and "<b>" not in svg
    assert 'stroke-dasharray="6 4"' in svg and svg.count("<circle") == 2


def test_bars_over_the_limit_are_red():
    svg = bar_chart([("D1", Decimal("5")), ("D2", Decimal("9"))], title="Pages", limit=Decimal("6"))
    assert svg.count('fill="#dc3545"') == 1


@pytest.mark.django_db
def test_a_pdf_is_a_real_pdf_whose_text_reads_back(tmp_path):
    pdf = render_pdf(
        "productions/email/invitation.html",
        {
            "invitation": {"get_role_display": "Coordinator", "expires_at": None},
            "production": {"title": "Harbour Lights"},
            "link": "http://x/invitations/abc/",
        },
    )
    assert pdf.startswith(b"%PDF-")
    (tmp_path / "out.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "out.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Harbour Lights" in text and "Coordinator" in text
