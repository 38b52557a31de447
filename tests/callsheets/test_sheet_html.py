"""A call sheet's crew drawn in Python (apps/callsheets/sheet_html.py) writes what the sheet's
template wrote for it on screen (that template's block is kept beside this test,
crew_tables.html, to compare with)."""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template

from apps.callsheets import sheet_html
from apps.callsheets.sheet import CrewDepartment, CrewRow

BLOCK = (Path(__file__).parent / "crew_tables.html").read_text()


def _flat(html: str) -> str:
    """Without the white space between tags."""
    return re.sub(r">\s+<", "><", html.strip())


CREW = [
    CrewDepartment(
        "Camera & <Grip>",
        [
            CrewRow(1, 'Ana "Cam" O\'Neil', "Director of photography", call="06:30", own_call=True),
            CrewRow(2, '=HYPERLINK("x")\nTwo lines', "1st AC", call="07:00"),
        ],
    ),
    CrewDepartment("Other", [CrewRow(None, "Day & night", "Day player", call="", day_player=True)]),
    CrewDepartment("Empty", []),
]


@pytest.mark.parametrize("crew", [CREW, []], ids=["crew", "nobody"])
def test_the_crew_written_in_python_is_the_templates(crew):
    expected = Template(BLOCK).render(Context({"sheet": SimpleNamespace(crew=crew)}))
    written = sheet_html.crew_tables(crew)
    assert _flat(f'<div class="cs-crew" data-testid="crew">{written}</div>') == _flat(expected)
    if crew:
        assert "&lt;Grip&gt;" in written and "fw-bold" in written and "&quot;Cam&quot;" in written
