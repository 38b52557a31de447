"""Department heads see and hire in their own department only; crew see their own memo and nothing
else of anyone's. (Capabilities themselves are walked by tests/test_access_matrix.py.)"""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.crew.models import MemoState, Position
from apps.productions.access import in_department
from apps.productions.capabilities import Role
from apps.productions.models import Membership
from tests.crew.factories import (
    CandidateFactory,
    DealMemoFactory,
    DepartmentFactory,
    EngagementFactory,
    OpeningFactory,
    PersonFactory,
)
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def url(name: str, production, **kwargs) -> str:
    return reverse(f"crew:{name}", kwargs={"production_slug": production.slug, **kwargs})


@pytest.fixture
def world(production):
    camera = DepartmentFactory(production=production, name="Camera")
    sound = DepartmentFactory(production=production, name="Sound")
    mine = OpeningFactory(position__department=camera)
    theirs = OpeningFactory(position__department=sound)
    return {
        "camera": camera,
        "sound": sound,
        "my_opening": mine,
        "their_opening": theirs,
        "my_candidate": CandidateFactory(opening=mine, person__name="Cam Person"),
        "their_candidate": CandidateFactory(opening=theirs, person__name="Sound Person"),
        "my_crew": EngagementFactory(position=mine.position, person__name="Cam Crew"),
        "their_crew": EngagementFactory(position=theirs.position, person__name="Sound Crew"),
    }


@pytest.fixture
def head(client, production, world):
    # "camera" in any case names the Camera department: the membership points at it
    client.force_login(member(production, Role.DEPARTMENT_HEAD, department="camera"))
    return client


def test_the_scope_follows_the_membership_s_department_key(production, world):
    membership = Membership(
        production=production, role=Role.DEPARTMENT_HEAD, department=world["camera"]
    )
    assert in_department(membership, world["camera"].pk)
    assert not in_department(membership, world["sound"].pk)
    office = Membership(production=production, role=Role.PRODUCTION_MANAGER)
    assert in_department(office, world["sound"].pk)


def test_renaming_a_department_changes_nobody_s_access(head, production, world):
    world["camera"].name = "Camera Department"
    world["camera"].save()
    world["sound"].name = "camera"  # the head's old name now belongs to another department
    world["sound"].save()
    assert head.get(url("board", production, pk=world["my_opening"].pk)).status_code == 200
    assert head.get(url("board", production, pk=world["their_opening"].pk)).status_code == 403
    crew = head.get(url("list", production)).content.decode()
    assert "Cam Crew" in crew and "Sound Crew" not in crew


def test_a_department_head_sees_their_own_department_only(head, production, world):
    crew = head.get(url("list", production)).content.decode()
    assert "Cam Crew" in crew and "Sound Crew" not in crew
    openings = list(head.get(url("openings", production)).context["openings"])
    assert openings == [world["my_opening"]]
    people = head.get(url("people", production)).content.decode()
    assert "Cam Person" in people and "Sound Person" not in people
    departments = head.get(url("departments", production)).context["departments"]
    assert [d.name for d in departments] == ["Camera"]
    assert head.get(url("board", production, pk=world["my_opening"].pk)).status_code == 200
    assert head.get(url("board", production, pk=world["their_opening"].pk)).status_code == 403
    assert head.get(url("list", production) + f"?department={world['sound'].pk}").status_code == 404


@pytest.mark.parametrize(
    "name, key",
    [
        ("candidate_move", "candidate"),
        ("candidate", "candidate"),
        ("candidate_cv", "candidate"),
        ("opening_edit", "opening"),
        ("candidate_add", "opening"),
        ("release", "crew"),
    ],
)
def test_a_department_head_is_refused_another_departments_records(
    head, production, world, name, key
):
    mine = {"candidate": "my_candidate", "opening": "my_opening", "crew": "my_crew"}[key]
    theirs = {"candidate": "their_candidate", "opening": "their_opening", "crew": "their_crew"}[key]
    data = {"stage": "shortlisted", "name": "N", "email": "n@example.test"}
    assert head.post(url(name, production, pk=world[theirs].pk), data).status_code == 403
    assert head.get(url(name, production, pk=world[theirs].pk)).status_code in {403, 405}
    if name != "candidate_cv":  # no CV uploaded: 404 for their own, after the scope check
        assert head.post(url(name, production, pk=world[mine].pk), data).status_code in {200, 302}


def test_a_department_head_hires_in_their_department(head, production, world):
    head.post(
        url("candidate_move", production, pk=world["my_candidate"].pk), {"stage": "interview"}
    )
    world["my_candidate"].refresh_from_db()
    assert world["my_candidate"].stage == "interview"
    response = head.post(
        url("opening_add", production),
        {"position": world["their_opening"].position.pk, "status": "open"},
    )
    assert "Select a valid choice" in response.content.decode()
    head.post(
        url("departments", production),
        {"pos-department": world["sound"].pk, "pos-title": "Boom Operator"},
    )
    assert not Position.objects.filter(title="Boom Operator").exists()
    refused = head.post(url("departments", production), {"dept-name": "Drones", "dept-order": 1})
    assert refused.status_code == 403


def test_a_department_head_does_not_see_rates_or_memos(head, production, world):
    memo = DealMemoFactory(position=world["my_opening"].position)
    assert head.get(url("memos", production)).status_code == 403
    assert head.get(url("memo", production, pk=memo.pk)).status_code == 404
    assert head.get(url("memo_new", production)).status_code == 403


@pytest.fixture
def crew_member(client, production):
    user = UserFactory(email="lee@example.test")
    Membership.objects.create(user=user, production=production, role=Role.CREW)
    client.force_login(user)
    client.user = user
    return client


def test_crew_see_their_own_memo_and_nothing_else(crew_member, production, world):
    mine = DealMemoFactory(
        position=world["my_opening"].position,
        person=PersonFactory(
            production=production, email="LEE@example.test", name="Lee M", user=crew_member.user
        ),
        state=MemoState.ACCEPTED,
    )
    other = DealMemoFactory(position=world["my_opening"].position, state=MemoState.ACCEPTED)
    page = crew_member.get(url("my_memos", production))
    assert list(page.context["memos"]) == [mine]
    assert crew_member.get(url("memo", production, pk=mine.pk)).status_code == 200
    assert crew_member.get(url("memo_pdf", production, pk=mine.pk)).status_code == 200
    assert crew_member.get(url("memo", production, pk=other.pk)).status_code == 404
    assert crew_member.get(url("memo_pdf", production, pk=other.pk)).status_code == 404
    for name in ("list", "people", "openings", "departments"):
        assert crew_member.get(url(name, production)).status_code == 403
    board = url("board", production, pk=world["my_opening"].pk)
    assert crew_member.get(board).status_code == 403


def test_a_draft_memo_is_not_shown_to_its_crew_member_yet(crew_member, production, world):
    draft = DealMemoFactory(
        position=world["my_opening"].position,
        person=PersonFactory(
            production=production, email="lee@example.test", user=crew_member.user
        ),
    )
    assert list(crew_member.get(url("my_memos", production)).context["memos"]) == []
    assert crew_member.get(url("memo", production, pk=draft.pk)).status_code == 404
