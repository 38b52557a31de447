"""Who works which day: the whole crew every shoot day of their engagement, day players booked
per day, a people × days grid, and a warning when someone is booked the same date elsewhere."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.urls import reverse

from apps.crew import queries, services
from apps.crew.forms import DEPARTMENT_POSITION
from apps.crew.models import DayAssignment
from apps.crew.services.days import ALREADY_BOOKED
from apps.crew.views.days import BOOKED_ELSEWHERE
from apps.productions.capabilities import Role
from apps.productions.models import Membership
from tests.crew.factories import EngagementFactory, PersonFactory, PositionFactory
from tests.factories import ProductionFactory, member
from tests.schedules.factories import ShootDayFactory

pytestmark = pytest.mark.django_db

MONDAY = date(2030, 3, 4)


def url(name: str, production, **kwargs) -> str:
    return reverse(f"crew:{name}", kwargs={"production_slug": production.slug, **kwargs})


def shoot_days(production, count: int = 3, kind: str = "shoot"):
    return [
        ShootDayFactory(
            production=production,
            date=MONDAY + timedelta(days=n),
            position=n + 1,
            kind=kind,
            day_number=n + 1 if kind == "shoot" else None,
            call_time=time(7, 0),
        )
        for n in range(count)
    ]


@pytest.fixture
def days(production):
    return shoot_days(production)


def hire(production, name: str, start=MONDAY, end=MONDAY + timedelta(days=30), **kwargs):
    return EngagementFactory(
        position__department__production=production,
        person__name=name,
        start_date=start,
        end_date=end,
        **kwargs,
    )


def test_the_whole_crew_works_every_shoot_day_of_their_engagement(production, days):
    gaffer = hire(production, "Gail Gaffer")
    hire(production, "Late Starter", start=days[2].date)
    released = hire(production, "Early Leaver", start=MONDAY - timedelta(days=5))
    services.engagement_release(engagement=released, last_day=days[0].date, reason="Cut")
    first = [call.person.name for call in queries.crew_for_day(days[0])]
    assert sorted(first) == ["Early Leaver", "Gail Gaffer"]
    second = queries.crew_for_day(days[1])
    assert [call.person.name for call in second] == ["Gail Gaffer"]
    call = second[0]
    assert (call.position, call.department) == (gaffer.position, gaffer.department)
    assert call.call_time == time(7, 0) and not call.day_player


def test_day_players_are_added_per_day_with_their_own_call(production, days):
    hire(production, "Gail Gaffer")
    position = PositionFactory(department__production=production, title="Utility")
    player = PersonFactory(production=production, name="Dee Player")
    services.day_assignment_add(
        shoot_day=days[1], person=player, position=position, call_time=time(5, 30)
    )
    calls = {call.person.name: call for call in queries.crew_for_day(days[1])}
    assert set(calls) == {"Gail Gaffer", "Dee Player"}
    assert calls["Dee Player"].day_player and calls["Dee Player"].call_time == time(5, 30)
    assert calls["Dee Player"].department == position.department
    assert "Dee Player" not in [c.person.name for c in queries.crew_for_day(days[0])]


def test_a_crew_member_booked_on_a_day_keeps_the_bookings_call(production, days):
    gaffer = hire(production, "Gail Gaffer")
    services.day_assignment_add(shoot_day=days[0], person=gaffer.person, call_time=time(6, 0))
    (call,) = queries.crew_for_day(days[0])
    assert call.call_time == time(6, 0) and not call.day_player and call.engagement == gaffer


def test_on_a_day_off_only_those_booked_work(production):
    (off,) = shoot_days(production, 1, kind="off")
    hire(production, "Gail Gaffer")
    assert queries.crew_for_day(off) == []


def test_the_same_person_cannot_be_booked_twice_on_a_day(production, days):
    player = PersonFactory(production=production)
    services.day_assignment_add(shoot_day=days[0], person=player)
    with pytest.raises(services.CrewError) as twice:
        services.day_assignment_add(shoot_day=days[0], person=player)
    assert twice.value.message == ALREADY_BOOKED.format(person=player, day=days[0])


@pytest.mark.parametrize("extra", [0, 6])
def test_crew_for_a_day_takes_two_queries_however_many_work(
    production, days, extra, django_assert_num_queries
):
    for n in range(2 + extra):
        hire(production, f"Crew {n}")
        services.day_assignment_add(shoot_day=days[0], person=PersonFactory(production=production))
    day = type(days[0]).objects.select_related("production").get(pk=days[0].pk)
    # 1 the day's bookings with person, position and department; 2 the engagements working
    with django_assert_num_queries(2):
        calls = queries.crew_for_day(day)
    assert len(calls) == 2 * (2 + extra)


def test_the_grid_shows_crew_and_day_players_by_day(ap_client, production, days):
    gaffer = hire(production, "Gail Gaffer", start=days[1].date)
    player = PersonFactory(production=production, name="Dee Player")
    response = ap_client.post(
        url("days", production), {"shoot_day": days[0].pk, "person": player.pk}
    )
    assert response.status_code == 302
    grid = ap_client.get(url("days", production)).context["grid"]
    cells = {
        row.person.name: [
            ("●" if c["works"] else "") + ("DP" if c["assignment"] else "") for c in row.cells
        ]
        for row in grid.rows
    }
    assert cells == {"Gail Gaffer": ["", "●", "●"], "Dee Player": ["DP", "", ""]}
    assignment = DayAssignment.objects.get()
    audit = reverse("productions:audit", kwargs={"production_slug": production.slug})
    assert "Dee Player on Day 1" in ap_client.get(audit + "?kind=Day booking").content.decode()
    ap_client.post(url("day_remove", production, pk=assignment.pk))
    assert not DayAssignment.objects.exists()
    assert gaffer.is_working_on(days[2].date)


def test_a_booking_the_same_date_in_another_production_i_can_see_is_flagged(
    client, production, days
):
    ap = member(production)
    other = ProductionFactory(title="Other Show")
    Membership.objects.create(user=ap, production=other, role=Role.PRODUCTION_MANAGER)
    hidden = ProductionFactory(title="Hidden Show")
    EngagementFactory(
        position__department__production=other,
        person__email="Busy@Example.test",
        start_date=days[1].date,
        end_date=days[1].date,
    )
    EngagementFactory(
        position__department__production=hidden,
        person__email="busy@example.test",
        start_date=days[0].date,
        end_date=days[2].date,
    )
    busy = PersonFactory(production=production, name="Busy Bee", email="busy@example.test")
    client.force_login(ap)
    response = client.post(
        url("days", production), {"shoot_day": days[1].pk, "person": busy.pk}, follow=True
    )
    warning = BOOKED_ELSEWHERE.format(person=busy, date=days[1].date, titles="Other Show")
    assert warning in response.content.decode()
    grid = response.context["grid"]
    (row,) = grid.rows
    assert [c["elsewhere"] for c in row.cells] == [[], ["Other Show"], []]
    assert grid.conflicts == 1
    assert "Busy Bee also works on Tue 05 Mar in Other Show." in response.content.decode()


def test_a_day_player_booked_on_a_day_they_already_work_or_on_a_day_off_is_flagged(
    ap_client, production, days
):
    """Issue 14, point 6: conflicts cover people, not only the other production's bookings."""
    gaffer = hire(production, "Gil Gaffer")
    off = shoot_days(production, 1, kind="off")[0]
    off.date, off.position = MONDAY + timedelta(days=5), 9
    off.save()
    services.day_assignment_add(shoot_day=days[0], person=gaffer.person)
    services.day_assignment_add(
        shoot_day=off, person=PersonFactory(production=production, name="Ola Off")
    )

    grid = queries.day_grid(production, production.memberships.first())
    assert grid.conflicts == 2
    assert grid.problems == [
        queries.ALREADY_ON_THE_LIST.format(person=gaffer.person, day=days[0]),
        queries.BOOKED_ON_A_DAY_OFF.format(person="Ola Off", day=off),
    ]
    page = ap_client.get(url("days", production)).content.decode()
    assert "they would be paid twice" in page and "which is not a shoot day" in page


def test_a_department_head_books_day_players_in_their_department(client, production, days):
    camera = PositionFactory(department__production=production, department__name="Camera")
    sound = PositionFactory(department__production=production, department__name="Sound")
    player = PersonFactory(production=production)
    EngagementFactory(production=production, position=camera, person=player)
    client.force_login(member(production, Role.DEPARTMENT_HEAD, department="Camera"))
    response = client.post(url("days", production), {"shoot_day": days[0].pk, "person": player.pk})
    assert DEPARTMENT_POSITION in response.content.decode()
    client.post(
        url("days", production),
        {"shoot_day": days[0].pk, "person": player.pk, "position": sound.pk},
    )
    assert not DayAssignment.objects.exists()
    client.post(
        url("days", production),
        {"shoot_day": days[0].pk, "person": player.pk, "position": camera.pk},
    )
    assert DayAssignment.objects.get().position == camera


@pytest.mark.parametrize("extra", [0, 5])
def test_the_grid_takes_the_same_queries_however_many_people_and_days(
    ap_client, production, extra, django_assert_num_queries
):
    days = shoot_days(production, 2 + extra)
    for n in range(2 + extra):
        hire(production, f"Crew {n}")
        services.day_assignment_add(shoot_day=days[n], person=PersonFactory(production=production))
    ap_client.get(url("days", production))
    # 1 session, 2 user, 3 membership, 4 shoot days, 5 engagements, 6 bookings, 7 the member's
    # other productions, 8-10 the form's choices (days, people, positions)
    with django_assert_num_queries(10):
        ap_client.get(url("days", production))


def test_the_grid_shows_two_weeks_at_a_time_with_earlier_later_and_every_day(ap_client, production):
    """A feature's 200 people by 60 days was one page of 12,000 cells (974 KB)."""
    days = shoot_days(production, 30)  # MONDAY + 0..29: two weeks, two weeks, two days
    hire(production, "Gail Gaffer", end=MONDAY + timedelta(days=40))

    def shown(query: str = "") -> tuple[list[date], str]:
        response = ap_client.get(url("days", production) + query)
        page = response.content.decode()
        nav = page[page.index('id="day-window"') : page.index("</nav>", page.index("day-window"))]
        return [d.date for d in response.context["grid"].days], nav

    # Nothing scheduled this week (2030 is years away): the first two weeks of the schedule.
    first, page = shown()
    assert first == [d.date for d in days[:14]]
    assert "Earlier" not in page and f"?from={MONDAY + timedelta(days=14)}" in page
    later, page = shown(f"?from={MONDAY + timedelta(days=14)}")
    assert later == [d.date for d in days[14:28]]
    assert f"?from={MONDAY}" in page
    last, page = shown(f"?from={MONDAY + timedelta(days=28)}")
    assert last == [d.date for d in days[28:]] and "Later" not in page
    every, page = shown("?all=1")
    assert every == [d.date for d in days] and "Two weeks at a time" in page
    assert shown("?from=not-a-date")[0] == first
    assert shown("?from=2031-01-01")[0] == [d.date for d in days[16:]]  # after the last day
