"""The timecard pages as people use them: the office starts a week for someone and enters their
days on the seven-day form, reads every line with its rule and the week's total; crew reach only
their own timecards, a department head only their department's; each approval needs its own
capability; an approved timecard's form changes nothing; the pages' queries do not grow with
rows."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.payroll import services
from apps.payroll.models import Timecard, TimecardState
from apps.productions.capabilities import Role
from tests.factories import member
from tests.payroll.conftest import START, exported_week, filled, hire

pytestmark = pytest.mark.django_db


def url(production, name, **kwargs) -> str:
    return reverse(f"payroll:{name}", kwargs={"production_slug": production.slug, **kwargs})


def day_post(timecard, **changes) -> dict:
    """The seven-day form as the page posts it: every day blank but the ones given."""
    data = {"version": timecard.version}
    for n in range(7):
        prefix = f"d{START + timedelta(days=n):%Y%m%d}-"
        for name in ["kind", "call", "meal1_out", "meal1_in", "meal2_out", "meal2_in", "wrap"]:
            data[prefix + name] = ""
        data[prefix + "kit"] = data[prefix + "mileage"] = ""
    for key, value in changes.items():
        data[key] = value
    return data


def test_the_office_starts_a_week_enters_the_days_and_reads_every_line(
    client, production, engagement
):
    client.force_login(member(production, Role.ASSOCIATE_PRODUCER))
    listed = client.get(url(production, "list") + f"?week={START:%Y-%m-%d}")
    assert engagement.person.name in listed.content.decode()
    started = client.post(url(production, "start", pk=engagement.pk), {"week": f"{START}"})
    timecard = Timecard.objects.get(engagement=engagement)
    assert started["Location"] == url(production, "detail", pk=timecard.pk)
    page = client.get(started["Location"]).content.decode()
    assert page.count('type="time"') == 7 * 6
    monday = f"d{START:%Y%m%d}-"
    response = client.post(
        url(production, "detail", pk=timecard.pk),
        day_post(
            timecard,
            **{
                monday + "kind": "work",
                monday + "call": "07:00",
                monday + "meal1_out": "13:00",
                monday + "meal1_in": "13:30",
                monday + "wrap": "21:00",
                monday + "kit": "35",
            },
        ),  # fmt: skip
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    for words in [
        "the day rate: the day up to 10 h",
        "2 h at 1.5x after 10 h",
        "1 h 30 at 2x after 12 h",
        "meal penalty: no meal for 7 h 30 after meal 1 (rule: 6 h): 3 half hours late",
        "kit or box rental",
    ]:
        assert words in page
    assert "Week&#x27;s total: <strong>910.00</strong>" in page.replace("'", "&#x27;")


def test_a_stale_form_is_refused_with_a_message(client, production, timecard):
    client.force_login(member(production))
    data = day_post(timecard, **{f"d{START:%Y%m%d}-kind": "hold"})
    filled(timecard)
    response = client.post(url(production, "detail", pk=timecard.pk), data, follow=True)
    assert "Someone else saved this timecard" in response.content.decode()


def test_crew_reach_only_their_own_timecards(client, production, timecard):
    own = member(production, Role.CREW)
    timecard.person.user = own
    timecard.person.save()
    other = services.timecard_start(
        engagement=hire(production, "Camera", name="Grace Hopper"), day=START
    )
    client.force_login(own)
    assert client.get(url(production, "detail", pk=timecard.pk)).status_code == 200
    assert client.get(url(production, "detail", pk=other.pk)).status_code == 404
    assert client.post(url(production, "start", pk=other.engagement_id)).status_code == 404
    listed = client.get(url(production, "list") + f"?week={START}").content.decode()
    assert timecard.person.name in listed and other.person.name not in listed
    submitted = client.post(url(production, "submit", pk=timecard.pk), {"version": 1})
    assert submitted.status_code == 302  # their own: they fill it in and submit it
    assert client.post(url(production, "approve_department", pk=timecard.pk)).status_code == 403


def test_a_department_head_reaches_their_departments_timecards_only(
    client, production, timecard, head
):
    sound = services.timecard_start(
        engagement=hire(production, "Sound", name="Grace Hopper"), day=START
    )
    client.force_login(head)
    assert client.get(url(production, "detail", pk=timecard.pk)).status_code == 200
    assert client.get(url(production, "detail", pk=sound.pk)).status_code == 403
    listed = client.get(url(production, "list") + f"?week={START}").content.decode()
    assert timecard.person.name in listed and sound.person.name not in listed


def test_each_approval_is_its_own_capability(client, production, timecard, head, accountant):
    timecard = filled(timecard)
    timecard = services.timecard_submit(timecard=timecard, expected_version=timecard.version)
    client.force_login(accountant)  # not the department's approval
    refused = client.post(url(production, "approve_department", pk=timecard.pk), {"version": 3})
    assert refused.status_code == 403
    client.force_login(head)
    client.post(url(production, "approve_department", pk=timecard.pk), {"version": 3})
    assert (
        client.post(url(production, "approve", pk=timecard.pk), {"version": 4}).status_code == 403
    )
    client.force_login(accountant)
    client.post(url(production, "approve", pk=timecard.pk), {"version": 4})
    timecard.refresh_from_db()
    assert timecard.state == TimecardState.APPROVED
    assert timecard.approved_by == accountant and timecard.department_approved_by == head


def test_an_approved_timecards_form_changes_nothing(client, production, timecard, head):
    timecard = filled(timecard)
    for step in (services.timecard_submit, services.timecard_approve_department):
        timecard = step(timecard=timecard, expected_version=timecard.version, user=head)
    timecard = services.timecard_approve(timecard=timecard, expected_version=timecard.version)
    client.force_login(member(production))
    data = day_post(timecard, **{f"d{START:%Y%m%d}-kind": "idle"})
    response = client.post(url(production, "detail", pk=timecard.pk), data, follow=True)
    assert "only a draft is changed" in response.content.decode()
    assert Timecard.objects.get(pk=timecard.pk).total == Decimal("1375.00")
    assert timecard.days.get(date=START).kind == "work"


def test_sending_back_shows_the_note_on_the_draft(client, production, timecard, head):
    timecard = filled(timecard)
    timecard = services.timecard_submit(timecard=timecard, expected_version=timecard.version)
    client.force_login(head)
    data = {"version": timecard.version, "note": "Wrap was 20:00, not 21:00"}
    client.post(url(production, "return_department", pk=timecard.pk), data)
    page = client.get(url(production, "detail", pk=timecard.pk)).content.decode()
    assert "Sent back" in page and "Wrap was 20:00, not 21:00" in page


def _count(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_pages_queries_do_not_grow_with_rows(client, production, timecard):
    client.force_login(member(production))
    timecard = filled(timecard)
    week = url(production, "list") + f"?week={START}"
    detail = url(production, "detail", pk=timecard.pk)
    few, one = _count(client, week), _count(client, detail)
    for n in range(6):
        other = hire(production, f"Department {n % 3}", name=f"Hire {n}")
        services.timecard_start(engagement=other, day=START)
    filled(timecard, {START + timedelta(days=n): {"kind": "hold"} for n in range(2, 6)})
    assert _count(client, week) == few
    assert _count(client, detail) == one


def test_the_payroll_export_is_the_approved_week_one_line_per_person_and_pay_code(
    client, production, timecard, head, accountant
):
    import csv
    import io

    timecard = exported_week(production, timecard, head)
    client.force_login(accountant)
    response = client.get(url(production, "export", fmt="csv") + f"?week={START}")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    who = ["Ada Lovelace", timecard.person.email, timecard.engagement.position.title, "Camera"]
    assert rows == [  # fmt: skip
        [
            "Person",
            "E-mail",
            "Position",
            "Department",
            "Pay code",
            "Hours",
            "Amount",
            "Distance (mi)",
        ],
        [*who, "regular", "10.00", "1000.00", ""],
        [*who, "overtime", "2.00", "150.00", ""],
        [*who, "double_time", "1.50", "150.00", ""],
        [*who, "meal_penalty", "1.50", "75.00", ""],
        [*who, "kit", "", "35.00", ""],
        [*who, "adjustment", "", "-25.00", ""],
        [*who, "total", "", "1385.00", ""],
        ["All", "", "", "", "total", "", "1385.00", ""],
    ]
    xlsx = client.get(url(production, "export", fmt="xlsx") + f"?week={START}")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")
    client.force_login(head)
    assert client.get(url(production, "export", fmt="csv")).status_code == 403
