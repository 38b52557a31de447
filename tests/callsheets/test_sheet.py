"""A call sheet is prefilled from the schedule and the crew."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from apps.callsheets import queries, services
from apps.callsheets.models import CastCall, CrewCallTime
from apps.productions.capabilities import Role
from apps.schedules.models import DayKind, ShootDay
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_a_sheet_carries_the_header_from_the_schedule(day, production):
    sheet = queries.sheet_data(services.callsheet_start(shoot_day=day))
    assert sheet.production == production.title
    assert sheet.company == "Harbour Light Pictures"
    assert (sheet.day_number, sheet.total_days) == (1, 2)
    assert sheet.date == day.date.isoformat()
    assert sheet.general_call == "07:00"
    assert sheet.wrap == "19:00"


def test_the_scenes_have_set_day_or_night_pages_cast_and_location(day):
    sheet = queries.sheet_data(services.callsheet_start(shoot_day=day))
    first, second = sheet.scenes
    assert first.number == "1"
    assert first.set == "FERRY - CAR DECK"
    assert first.synopsis == "Mara boards the ferry"
    assert first.day_night == "N"
    assert first.pages == "1 3/8"
    assert first.cast == [m.id_number for m in day.extra["cast"]]
    assert first.location == "Pier 4"
    assert second.day_night == "D"
    assert sheet.pages == "1 7/8"


def test_cast_rows_carry_the_dood_status_and_their_times(day):
    call_sheet = services.callsheet_start(shoot_day=day)
    lead, second = day.extra["cast"]
    CastCall.objects.create(
        call_sheet=call_sheet, cast_member=lead, pickup=time(5, 45), hair_makeup=time(6, 15),
        on_set=time(7, 30),
    )  # fmt: skip
    cast = queries.sheet_data(call_sheet).cast
    assert [(r.id, r.role, r.name, r.status) for r in cast] == [
        (lead.id_number, "ROLE 0", "Actor 0", "SW"),  # works day 1 and day 2
        (second.id_number, "ROLE 1", "Actor 1", "SWF"),  # day 1 only
    ]
    assert (cast[0].pickup, cast[0].hair_makeup, cast[0].on_set) == (
        "05:45", "06:15", "07:30",
    )  # fmt: skip


def test_crew_are_listed_by_department_with_the_general_call_unless_their_own(day):
    call_sheet = services.callsheet_start(shoot_day=day)
    operator = day.extra["engagements"][0].person
    CrewCallTime.objects.create(call_sheet=call_sheet, person=operator, call_time=time(6, 30))
    crew = queries.sheet_data(call_sheet).crew
    assert [d.department for d in crew] == ["Direction", "Camera"]
    calls = {row.name: row.call for d in crew for row in d.people}
    assert calls[operator.name] == "06:30"
    assert calls["Ada First"] == "07:00"
    assert calls[day.extra["day_players"][0].name] == "06:00"  # booked at their own call
    assert len(calls) == 5  # 3 operators, the 1st AD, the day player


def test_released_crew_are_not_on_the_sheet_after_their_last_day(day):
    released = day.extra["engagements"][0]
    released.last_day = released.start_date  # released before the shoot day
    released.save()
    names = {
        row.name
        for d in queries.sheet_data(services.callsheet_start(shoot_day=day)).crew
        for row in d.people
    }
    assert released.person.name not in names


def test_locations_have_a_map_link_parking_hospital_and_offline_sun_times(day, production):
    (location,) = queries.sheet_data(services.callsheet_start(shoot_day=day)).locations
    assert location.map == (
        "https://www.openstreetmap.org/?mlat=43.657800&mlon=-70.248900#map=16/43.657800/-70.248900"
    )
    assert location.parking == "Lot B behind the terminal"
    assert location.hospital_name == "Maine Medical Center"
    assert location.hospital_phone == "+1 207 662 0111"
    assert location.sunrise and location.sunset


def test_sunrise_and_sunset_are_in_the_production_time_zone():
    # Portland, Maine on 21 June 2027: sunrise about 04:58 and sunset about 20:25 EDT.
    rise, set_ = queries.sun_times(
        Decimal("43.6578"), Decimal("-70.2489"), date(2027, 6, 21), ZoneInfo("America/New_York")
    )
    assert "04:55" <= rise <= "05:02"
    assert "20:22" <= set_ <= "20:28"
    rise_utc, _ = queries.sun_times(
        Decimal("43.6578"), Decimal("-70.2489"), date(2027, 6, 21), ZoneInfo("UTC")
    )
    assert "08:55" <= rise_utc <= "09:02"


def test_no_sun_times_without_coordinates_and_a_dash_where_the_sun_never_sets():
    assert queries.sun_times(None, None, date(2027, 6, 21), ZoneInfo("UTC")) == ("", "")
    rise, set_ = queries.sun_times(
        Decimal("78.22"), Decimal("15.65"), date(2027, 6, 21), ZoneInfo("Arctic/Longyearbyen")
    )
    assert (rise, set_) == ("—", "—")


def test_key_contacts_come_from_memberships_and_the_crew(day, production):
    ap = member(production, Role.ASSOCIATE_PRODUCER, user__full_name="Alex Ap")
    member(production, Role.PRODUCER, user__full_name="Pat Producer")
    contacts = queries.sheet_data(services.callsheet_start(shoot_day=day)).contacts
    assert [(c.role, c.name) for c in contacts] == [
        ("Associate Producer", "Alex Ap"),
        ("Producer", "Pat Producer"),
        ("1st AD", "Ada First"),
    ]
    assert contacts[0].email == ap.email


def test_the_advance_schedule_is_the_next_shoot_days_scenes(day):
    advance = queries.sheet_data(services.callsheet_start(shoot_day=day)).advance
    assert advance.day_number == 2
    assert advance.call == "08:00"
    assert [s.number for s in advance.scenes] == ["3"]


def test_only_a_shoot_day_has_a_call_sheet(production):
    off = ShootDay.objects.create(
        production=production, position=9, date=production.first_shoot_day, kind=DayKind.OFF
    )
    with pytest.raises(services.CallSheetError) as error:
        services.callsheet_start(shoot_day=off)
    assert error.value.message == services.NOT_A_SHOOT_DAY


def test_starting_twice_gives_the_same_sheet(day):
    assert services.callsheet_start(shoot_day=day) == services.callsheet_start(shoot_day=day)
