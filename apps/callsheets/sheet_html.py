"""The crew list of a call sheet on screen, drawn in Python: a big day calls 150 people in a dozen
departments, and a template variable and condition per cell cost a third of the page. The same
tables the template wrote (tests/callsheets/test_sheet_html.py compares them with it, kept
beside the test). The PDF prints the crew as lines in columns, from the template."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from apps.callsheets.sheet import CrewDepartment
from apps.core.escaping import escaped


def crew_tables(departments: list[CrewDepartment]) -> SafeString:
    """Each department's heading and table of its people (position, name, call; an own call
    bold)."""
    parts = [] if departments else ['<p class="cs-muted">No crew working this day.</p>']
    for department in departments:
        rows = "".join(
            f"<tr><td>{escaped(person.position)}</td><td>{escaped(person.name)}</td>"
            f'<td class="text-nowrap{" fw-bold" if person.own_call else ""}">'
            f"{escaped(person.call)}</td></tr>"
            for person in department.people
        )
        parts.append(
            f'<div class="cs-dept"><h3 class="cs-dept-name">{escaped(department.department)}</h3>'
            f'<table class="table table-sm cs-table mb-1"><tbody>{rows}</tbody></table></div>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped above  # nosec B308 B703
