"""Submissions and the shortlist: ranked by up/down (htmx, no reload) or a drag, commented."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.casting import services
from apps.casting.errors import CastingError
from apps.casting.models import ShortlistEntry, SubmissionSource, SubmissionState
from apps.productions.capabilities import Role
from tests.casting.factories import ActorFactory, RoleFactory
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def role(production):
    return RoleFactory(production=production, name="MARA")


def names(role):
    return [e.actor.name for e in role.shortlist.order_by("rank")]


def test_an_actor_is_submitted_once_per_role(role):
    actor = ActorFactory(production=role.production)
    services.submission_add(role=role, actor=actor, via=SubmissionSource.AGENT)
    with pytest.raises(CastingError, match="already submitted"):
        services.submission_add(role=role, actor=actor, via=SubmissionSource.BY_HAND)


def test_another_productions_actor_cannot_be_submitted(role):
    with pytest.raises(CastingError):
        services.submission_add(role=role, actor=ActorFactory(), via=SubmissionSource.AGENT)


def test_shortlisting_marks_the_submission_and_ranks_last(role):
    a, b = (ActorFactory(production=role.production, name=n) for n in ("A", "B"))
    submission = services.submission_add(role=role, actor=a, via=SubmissionSource.AGENT)
    services.shortlist_add(role=role, actor=a)
    services.shortlist_add(role=role, actor=b)
    submission.refresh_from_db()
    assert submission.state == SubmissionState.SHORTLISTED
    assert [(e.actor.name, e.rank) for e in role.shortlist.all()] == [("A", 1), ("B", 2)]


def test_moving_and_removing_keep_ranks_one_to_n(role):
    actors = [ActorFactory(production=role.production, name=n) for n in "ABCD"]
    entries = [services.shortlist_add(role=role, actor=a) for a in actors]
    services.shortlist_move(entry=entries[3], rank=1)
    assert names(role) == ["D", "A", "B", "C"]
    services.shortlist_remove(entry=ShortlistEntry.objects.get(actor__name="A"))
    assert [e.rank for e in role.shortlist.order_by("rank")] == [1, 2, 3]
    services.shortlist_order(role=role, ids=[entries[2].pk, 999999])
    assert names(role) == ["C", "D", "B"]


def test_passing_takes_the_actor_off_the_shortlist(role):
    actor = ActorFactory(production=role.production)
    submission = services.submission_add(role=role, actor=actor, via=SubmissionSource.AGENT)
    services.shortlist_add(role=role, actor=actor)
    services.submission_pass(submission=submission)
    assert not role.shortlist.exists()


def test_the_producer_moves_an_actor_up_without_a_reload(client, role):
    a, b = (ActorFactory(production=role.production, name=n) for n in ("Ann", "Bo"))
    services.shortlist_add(role=role, actor=a)
    entry = services.shortlist_add(role=role, actor=b)
    client.force_login(member(role.production, Role.PRODUCER))
    url = reverse(
        "casting:shortlist_move",
        kwargs={"production_slug": role.production.slug, "pk": entry.pk},
    )
    response = client.post(url, {"direction": "up"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="shortlist"' in page and page.index("Bo") < page.index("Ann")


def test_the_producer_comments_and_the_production_manager_may_not(client, role):
    entry = services.shortlist_add(role=role, actor=ActorFactory(production=role.production))
    url = reverse(
        "casting:comment_add", kwargs={"production_slug": role.production.slug, "pk": entry.pk}
    )
    client.force_login(member(role.production, Role.PRODUCTION_MANAGER))
    assert client.post(url, {"text": "No"}).status_code == 403
    client.force_login(member(role.production, Role.PRODUCER))
    client.post(url, {"text": 'Great "read"'})
    assert entry.comments.get().text == 'Great "read"'
    page = client.get(
        reverse("casting:role", kwargs={"production_slug": role.production.slug, "pk": role.pk})
    ).content.decode()
    assert "Great &quot;read&quot;" in page


def test_the_audit_log_names_submissions_and_shortlist_moves(client, role):
    actor = ActorFactory(production=role.production, name="Ann")
    services.submission_add(role=role, actor=actor, via=SubmissionSource.AGENT)
    services.shortlist_add(role=role, actor=actor)
    client.force_login(member(role.production, Role.PRODUCER))
    page = client.get(
        reverse("productions:audit", kwargs={"production_slug": role.production.slug})
    )
    assert page.status_code == 200
    assert "Ann for MARA" in page.content.decode()


def test_the_director_ranks_and_comments_reads_no_contacts_and_changes_nothing_else(client, role):
    """The issue's "the director and producer can rank and comment": the director has a role of
    their own, not the casting director's or the AP's with their edits and contacts."""
    ann = ActorFactory(production=role.production, name="Ann", email="ann@agency.test")
    services.shortlist_add(role=role, actor=ann)
    entry = services.shortlist_add(role=role, actor=ActorFactory(production=role.production))
    slug = role.production.slug
    client.force_login(member(role.production, Role.DIRECTOR))
    move = reverse("casting:shortlist_move", kwargs={"production_slug": slug, "pk": entry.pk})
    assert client.post(move, {"direction": "up"}, HTTP_HX_REQUEST="true").status_code == 200
    assert role.shortlist.order_by("rank").first().pk == entry.pk
    comment = reverse("casting:comment_add", kwargs={"production_slug": slug, "pk": entry.pk})
    client.post(comment, {"text": "The one."})
    assert entry.comments.get().text == "The one."
    page = client.get(reverse("casting:role", kwargs={"production_slug": slug, "pk": role.pk}))
    assert "The one." in page.text and "Ann" in page.text
    assert "ann@agency.test" not in page.text
    actors = client.get(reverse("casting:actors", kwargs={"production_slug": slug})).text
    assert "Ann" in actors and "ann@agency.test" not in actors
    new_actor = reverse("casting:actor_new", kwargs={"production_slug": slug})
    assert client.post(new_actor, {"name": "Bo"}).status_code == 403
