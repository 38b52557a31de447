from __future__ import annotations

import re
import subprocess
from datetime import date, timedelta
from decimal import Decimal

import pytest

from apps.core.charts import CHAR_WIDTH, bar_chart, line_chart
from apps.core.documents import render_pdf


def test_a_line_chart_escapes_labels_and_draws_the_reference():
    svg = line_chart(
        [("<b>Mon</b>", Decimal("10.50")), ("Tue", Decimal("30"))],
        title="Spend",
        reference=Decimal("40"),
    )
    assert "&lt;b&gt;Mon&lt;/b&gt;" in svg and "<b>" not in svg
    assert 'stroke-dasharray="6 4"' in svg and svg.count("<circle") == 2


def _texts(svg: str) -> list[tuple[float, str, str]]:
    return [
        (float(x), anchor, text)
        for x, anchor, text in re.findall(
            r'<text x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)"[^>]*>([^<]*)</text>', svg
        )
    ]


def test_axis_labels_of_big_amounts_fit_and_date_labels_never_overlap():
    start = date(2026, 10, 12)
    points = [((start + timedelta(days=i)).isoformat(), Decimal(i * 50_000)) for i in range(43)]
    svg = line_chart(points, title="Spend", reference=Decimal("178000933.47"))
    texts = _texts(svg)
    values = [(x, t) for x, anchor, t in texts if anchor == "end" and "," in t]
    assert values and all(x - CHAR_WIDTH * len(t) >= 0 for x, t in values)  # nothing clipped
    dates = [(x, anchor, t) for x, anchor, t in texts if t.startswith("2026-")]
    assert dates[0][2] == "2026-10-12" and dates[-1][2] == points[-1][0]
    width = CHAR_WIDTH * len("2026-10-12")
    spans = []
    for x, anchor, _ in dates:
        left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
        spans.append((left, left + width))
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


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
