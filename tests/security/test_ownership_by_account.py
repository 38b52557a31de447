"""Ownership is an account link, never an equal e-mail (security round two, point 1).

Found on main: a department head could edit a hire's e-mail to their own and then read that
person's deal memo (rates) as "theirs", or have the memo link sent to an address they control and
accept it in the hire's name; the candidate form reused a person from another department by
e-mail, pulling them into the head's scope.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from apps.crew import services
from apps.crew.models import Candidate, DealMemo, MemoState, Person
from apps.crew.services import LINK_INVALID, CrewError
from apps.productions.capabilities import Role
from apps.productions.models import Invitation
from apps.productions.services import invitation_accept
from tests.crew.factories import (
    CandidateFactory,
    DealMemoFactory,
    DepartmentFactory,
    EngagementFactory,
    OpeningFactory,
)
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def url(name: str, production, **kwargs) -> str:
    return reverse(f"crew:{name}", kwargs={"production_slug": production.slug, **kwargs})


@pytest.fixture
def camera(production):
    return DepartmentFactory(production=production, name="Camera")


@pytest.fixture
def hire(production, camera):
    """A camera hire whose memo went out and was accepted, on the head's own department."""
    engagement = EngagementFactory(
        position__department=camera,
        person__name="Gus Grip",
        person__email="gus@example.test",
    )
    memo = DealMemoFactory(
        position=engagement.position, person=engagement.person, state=MemoState.ACCEPTED
    )
    return engagement.person, memo


@pytest.fixture
def head(client, production, camera):
    user = member(production, Role.DEPARTMENT_HEAD, department="camera")
    client.force_login(user)
    client.user = user
    return client


def person_data(person, **changes) -> dict:
    return {"name": person.name, "email": person.email, "notes": "", **changes}


def test_a_head_cannot_take_a_hires_memo_by_changing_their_e_mail(head, production, hire):
    person, memo = hire
    response = head.post(
        url("person_edit", production, pk=person.pk),
        person_data(person, email=head.user.email),
    )
    assert response.status_code == 200  # the form again, with the refusal on the field
    assert "only the production office changes their e-mail" in response.content.decode()
    person.refresh_from_db()
    assert person.email == "gus@example.test"
    assert head.get(url("memo", production, pk=memo.pk)).status_code == 404
    assert list(head.get(url("my_memos", production)).context["memos"]) == []


def test_an_equal_e_mail_alone_makes_no_memo_anyones(client, production, hire):
    person, memo = hire
    # A member whose account has the hire's address but was never linked to the person.
    stranger = member(production, Role.CREW, user__email="gus@example.test")
    client.force_login(stranger)
    assert list(client.get(url("my_memos", production)).context["memos"]) == []
    assert client.get(url("memo", production, pk=memo.pk)).status_code == 404


def test_accepting_an_invitation_to_the_persons_address_links_them(client, production, hire):
    person, memo = hire
    Invitation.objects.create(
        production=production,
        email="gus@example.test",
        role=Role.CREW,
        token_hash=services.hash_token("tok"),
        expires_at="2999-01-01T00:00Z",
    )
    user = UserFactory(email="gus@example.test")
    invitation_accept(token="tok", user=user)
    person.refresh_from_db()
    assert person.user == user
    client.force_login(user)
    assert list(client.get(url("my_memos", production)).context["memos"]) == [memo]
    assert client.get(url("memo", production, pk=memo.pk)).status_code == 200


def test_accepting_a_memo_signed_in_links_the_person(
    client, ap_client, production, camera, django_capture_on_commit_callbacks
):
    memo = DealMemoFactory(
        position__department=camera, person__name="Ada Lo", person__email="ada@example.test"
    )
    with django_capture_on_commit_callbacks(execute=True):
        ap_client.post(url("memo_send", production, pk=memo.pk))
    token = re.search(r"/deal-memos/([\w-]+)/", mail.outbox[-1].body).group(1)
    user = UserFactory(email="ada.personal@example.test")
    client.force_login(user)
    path = reverse("deal_memo_accept", kwargs={"token": token})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, {"typed_name": "Ada Lo", "action": "accept"})
    memo.refresh_from_db()
    assert memo.state == MemoState.ACCEPTED
    assert Person.objects.get(pk=memo.person_id).user == user


def test_the_office_changing_an_e_mail_voids_the_link_that_went_to_the_old_one(
    ap_client, production, camera, django_capture_on_commit_callbacks
):
    memo = DealMemoFactory(
        position__department=camera, person__name="Ada Lo", person__email="ada@example.test"
    )
    with django_capture_on_commit_callbacks(execute=True):
        ap_client.post(url("memo_send", production, pk=memo.pk))
    token = re.search(r"/deal-memos/([\w-]+)/", mail.outbox[-1].body).group(1)
    response = ap_client.post(
        url("person_edit", production, pk=memo.person_id),
        person_data(memo.person, email="ada.new@example.test"),
    )
    assert response.status_code == 302
    memo.refresh_from_db()
    assert memo.state == MemoState.DRAFT and memo.token_hash == ""
    with pytest.raises(CrewError, match=re.escape(LINK_INVALID)):
        services.memo_for_token(token)
    reason = memo.person.history.first().history_change_reason
    assert reason == "e-mail ada@example.test -> ada.new@example.test; 1 link(s) voided"
    assert "no longer works" in DealMemo.history.filter(id=memo.pk).first().history_change_reason


def test_a_head_cannot_pull_a_person_from_another_department_by_e_mail(head, production, camera):
    sound = DepartmentFactory(production=production, name="Sound")
    elsewhere = CandidateFactory(
        opening=OpeningFactory(position__department=sound),
        person__name="Sal Sound",
        person__email="sal@example.test",
    )
    mine = OpeningFactory(position__department=camera)
    response = head.post(
        url("candidate_add", production, pk=mine.pk),
        {"name": "Sal", "email": "SAL@example.test"},
        follow=True,
    )
    assert "outside your department" in response.content.decode()
    assert not Candidate.objects.filter(opening=mine).exists()
    assert head.get(url("person_edit", production, pk=elsewhere.person_id)).status_code == 404
