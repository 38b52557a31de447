"""The schedule, crew, vendor and production writes of the API run the same services (and the
pages' own forms where the pages have no service) as the pages do, with the same refusals."""

from __future__ import annotations

from datetime import date

import pytest

from apps.core.locking import STALE_EDIT_MESSAGE
from apps.productions.capabilities import Role
from apps.schedules.models import DayKind, Scene
from apps.schedules.services import OMITTED_SCENE_CANNOT_BE_SCHEDULED
from apps.vendors.forms import VENDOR_NAME_TAKEN
from apps.vendors.models import PurchaseOrder, Vendor
from tests.api.conftest import client_with, token_for
from tests.crew.factories import PersonFactory
from tests.factories import member
from tests.schedules.factories import SceneFactory, ShootDayFactory

pytestmark = pytest.mark.django_db


def api_url(production, rest: str) -> str:
    return f"/api/p/{production.slug}/{rest}"


def add_twice(api, url: str, first: dict, again: dict):
    """Adds `first` (which must work), then `again`; the second answer."""
    made = api.post(url, first, format="json")
    assert made.status_code == 201, made.json()
    return api.post(url, again, format="json")


# --- The board ----------------------------------------------------------------------------------


@pytest.fixture
def board(production):
    days = [
        ShootDayFactory(production=production, position=n, day_number=n, kind=DayKind.SHOOT)
        for n in (1, 2)
    ]
    scenes = [SceneFactory(production=production, number=str(n)) for n in (1, 2, 3)]
    return days, scenes


def test_a_board_move_puts_the_scene_where_the_strip_would_go(production, api, board):
    (day1, day2), (s1, s2, s3) = board
    move = api_url(production, "schedule/board/moves/")
    assert api.post(move, {"scene": s1.pk, "day": day1.pk}, format="json").status_code == 200
    response = api.post(move, {"scene": s2.pk, "day": day1.pk, "position": 0}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["affected_days"] == [day1.pk, None]
    assert response.json()["scene"]["shoot_day"] == day1.pk
    day = api.get(api_url(production, f"schedule/days/{day1.pk}/")).json()
    assert day["scenes"] == [s2.pk, s1.pk]
    back = api.post(move, {"scene": s2.pk, "day": None}, format="json")
    assert back.json()["affected_days"] == [day1.pk, None]
    in_bin = api.get(api_url(production, "schedule/scenes/?in_bin=true")).json()["results"]
    assert {row["id"] for row in in_bin} == {s2.pk, s3.pk}


def test_an_omitted_scene_cannot_go_on_a_day(production, api, board):
    (day1, _), (s1, *_) = board
    Scene.objects.filter(pk=s1.pk).update(omitted=True)
    response = api.post(
        api_url(production, "schedule/board/moves/"), {"scene": s1.pk, "day": day1.pk}, "json"
    )
    assert response.status_code == 409
    assert response.json() == {"detail": OMITTED_SCENE_CANNOT_BE_SCHEDULED.format(number=s1.number)}


def test_a_scene_or_day_of_another_production_is_404(production, api, board):
    (day1, _), _ = board
    elsewhere = SceneFactory()
    response = api.post(
        api_url(production, "schedule/board/moves/"),
        {"scene": elsewhere.pk, "day": day1.pk},
        "json",
    )
    assert response.status_code == 404
    other_day = ShootDayFactory()
    scene = Scene.objects.filter(production=production).first()
    response = api.post(
        api_url(production, "schedule/board/moves/"),
        {"scene": scene.pk, "day": other_day.pk},
        "json",
    )
    assert response.status_code == 404


def test_a_scene_is_added_and_changed_and_the_change_is_audited(production, ap, api):
    made = api.post(
        api_url(production, "schedule/scenes/"),
        {"number": "12a", "set_name": "INT. KITCHEN", "time_of_day": "NIGHT", "eighths": 9},
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["number"] == "12A"
    assert made.json()["set"] == "INT. KITCHEN"
    scene_id = made.json()["id"]
    changed = api.patch(
        api_url(production, f"schedule/scenes/{scene_id}/"), {"synopsis": "Ann burns toast"}, "json"
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["eighths"] == 9  # left as it was
    assert Scene.objects.get(pk=scene_id).history.latest().history_user == ap
    taken = api.post(
        api_url(production, "schedule/scenes/"), {"number": "12A", "set_name": "X"}, format="json"
    )
    assert taken.status_code == 409


def test_elements_are_listed_and_added(production, api):
    again = add_twice(
        api,
        api_url(production, "schedule/elements/"),
        {"category": "props", "name": "Toaster", "quantity": 2},
        {"category": "props", "name": "toaster"},
    )
    assert again.status_code == 400
    assert list(again.json()) == ["name"]
    listed = api.get(api_url(production, "schedule/elements/?category=props")).json()
    assert [row["name"] for row in listed["results"]] == ["Toaster"]


# --- Crew ---------------------------------------------------------------------------------------


def test_people_show_contacts_only_to_members_who_may_see_them(production, ap, api):
    PersonFactory(production=production)
    [row] = api.get(api_url(production, "crew/people/")).json()["results"]
    assert row["phone"] == "+1 212 555 0100"
    accountant = client_with(token_for(member(production, Role.ACCOUNTANT)))
    [row] = accountant.get(api_url(production, "crew/people/")).json()["results"]
    assert "phone" not in row and "emergency_phone" not in row


def test_a_person_is_added_with_the_directory_pages_checks(production, api):
    made = api.post(
        api_url(production, "crew/people/"),
        {"name": "Ana Ruiz", "email": "Ana@Example.test", "phone": "+1 212 555 0142"},
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["email"] == "ana@example.test"
    again = api.post(
        api_url(production, "crew/people/"), {"name": "A", "email": "ana@example.test"}, "json"
    )
    assert again.status_code == 400
    assert list(again.json()) == ["email"]


def test_a_person_is_changed_through_the_service(production, ap, api):
    person = PersonFactory(production=production)
    changed = api.patch(
        api_url(production, f"crew/people/{person.pk}/"), {"union": "IATSE 600"}, "json"
    )
    assert changed.status_code == 200, changed.json()
    person.refresh_from_db()
    assert person.union == "IATSE 600"
    assert person.history.latest().history_user == ap


def test_a_department_head_sees_only_their_departments_people(production):
    from tests.crew.factories import DepartmentFactory, EngagementFactory

    camera = DepartmentFactory(production=production, name="Camera")
    sound = DepartmentFactory(production=production, name="Sound")
    mine = EngagementFactory(position__department=camera)
    theirs = EngagementFactory(position__department=sound)
    head = client_with(token_for(member(production, Role.DEPARTMENT_HEAD, department="Camera")))
    people = head.get(api_url(production, "crew/people/")).json()["results"]
    assert [row["id"] for row in people] == [mine.person_id]
    assert head.get(api_url(production, f"crew/people/{theirs.person_id}/")).status_code == 404
    crew = head.get(api_url(production, "crew/engagements/")).json()["results"]
    assert [row["id"] for row in crew] == [mine.pk]


# --- Vendors ------------------------------------------------------------------------------------


def test_a_vendor_is_added_with_the_vendor_pages_checks(production, api):
    again = add_twice(
        api,
        api_url(production, "vendors/"),
        {"name": 'Grip & Electric, "Best" Co.', "category": "grip_electric"},
        {"name": 'grip & electric, "best" co.', "category": "other"},
    )
    assert again.status_code == 400
    assert again.json() == {"name": [VENDOR_NAME_TAKEN.format(name='grip & electric, "best" co.')]}


def test_a_purchase_order_is_drafted_through_the_service(production, ap, api):
    vendor = Vendor.objects.create(production=production, name="Lights Inc")
    made = api.post(
        api_url(production, "vendors/purchase-orders/"),
        {"vendor": vendor.pk, "description": "Lamps, week 1", "deliver_on": "2027-03-01"},
        format="json",
    )
    assert made.status_code == 201, made.json()
    po = PurchaseOrder.objects.get(pk=made.json()["id"])
    assert (po.status, po.created_by, po.deliver_on) == ("draft", ap, date(2027, 3, 1))
    assert po.history.latest().history_user == ap
    assert made.json()["lines"] == [] and made.json()["total"] == "0.000"
    elsewhere = Vendor.objects.create(production=member_production(), name="Elsewhere")
    refused = api.post(
        api_url(production, "vendors/purchase-orders/"),
        {"vendor": elsewhere.pk, "description": "x"},
        format="json",
    )
    assert refused.status_code == 400
    assert list(refused.json()) == ["vendor"]


def member_production():
    from tests.factories import ProductionFactory

    return ProductionFactory()


# --- The production -----------------------------------------------------------------------------


def test_the_productions_settings_change_from_the_version_read(production, ap, api):
    url = api_url(production, "")
    read = api.get(url).json()["production"]
    changed = api.patch(url, {"company_name": "Pictures Ltd", "version": read["version"]}, "json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["production"]["company_name"] == "Pictures Ltd"
    stale = api.patch(url, {"company_name": "Other", "version": read["version"]}, "json")
    assert stale.status_code == 409
    assert stale.json() == {"detail": STALE_EDIT_MESSAGE.format(what="production's settings")}
    production.refresh_from_db()
    assert production.company_name == "Pictures Ltd"
    assert production.history.latest().history_user == ap


def test_the_productions_settings_are_checked_by_the_settings_form(production, api):
    url = api_url(production, "")
    version = api.get(url).json()["production"]["version"]
    response = api.patch(url, {"wrap_date": "2000-01-01", "version": version}, "json")
    assert response.status_code == 400
    assert list(response.json()) == ["wrap_date"]


# --- Kept page fragments ------------------------------------------------------------------------


def test_an_api_write_moves_its_productions_data_stamp_and_a_read_moves_none(production, api):
    """The pages' kept fragments (apps/core/freshness.py) are never read again after an API
    write to their production; a read (which notes its token's use) keeps them."""
    from apps.core import freshness
    from apps.productions.models import Production
    from tests.factories import ProductionFactory

    other = ProductionFactory()

    def stamps():
        return dict(Production.objects.values_list("pk", "data_stamp"))

    freshness.settle()  # the test's own setup wrote
    before = stamps()
    assert api.get(api_url(production, "schedule/elements/")).status_code == 200
    assert stamps() == before
    made = api.post(
        api_url(production, "schedule/elements/"), {"category": "props", "name": "Kettle"}, "json"
    )
    assert made.status_code == 201
    after = stamps()
    assert after[production.pk] != before[production.pk]
    assert after[other.pk] == before[other.pk]
