"""A role's submission link: agents open it without an account and submit their actors.

Only the token's SHA-256 is kept (cleared in backups); the link is shown once, when it is made.
Making a new link or revoking it stops the old one; it expires after CASTING_SUBMISSION_LINK_DAYS
and when the role is booked. Each submission names the agent and their agency in the history
("submitted by Mia Chen (Northlight Talent) through the role's submission link").
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.casting.errors import CastingError
from apps.casting.models import (
    Actor,
    Agency,
    Representative,
    Role,
    RoleStatus,
    Submission,
    SubmissionLink,
    SubmissionSource,
)
from apps.productions.services import hash_token

LINK_INVALID = "This link does not work: it was replaced, revoked or mistyped. Ask the office."
LINK_EXPIRED = "This link has expired. Ask the office for a new one."
ROLE_CLOSED = "{role} is cast: submissions are closed."
ALREADY = "{actor} is already submitted for {role}. Thank you."


def link_issue(*, role: Role, user=None) -> str:
    """A new link for the role (the old one stops working); returns the token, shown once."""
    if role.status == RoleStatus.BOOKED:
        raise CastingError(ROLE_CLOSED.format(role=role.name))
    token = secrets.token_urlsafe(32)
    expires = timezone.now() + timedelta(days=settings.CASTING_SUBMISSION_LINK_DAYS)
    with transaction.atomic():
        link = SubmissionLink.objects.select_for_update().filter(role=role).first()
        replaced = link is not None and bool(link.token_hash)
        link = link or SubmissionLink(production_id=role.production_id, role=role)
        link.token_hash, link.expires_at, link.created_by = hash_token(token), expires, user
        link._change_reason = "a new link made (the old one stops)" if replaced else "link made"
        link.save()
    return token


def link_revoke(*, role: Role) -> None:
    with transaction.atomic():
        link = SubmissionLink.objects.select_for_update().filter(role=role).first()
        if link is not None and link.token_hash:
            link.token_hash = ""
            link._change_reason = "link revoked"
            link.save(update_fields=["token_hash"])


def link_for_token(token: str) -> SubmissionLink:
    """The link behind a token, or CastingError saying why it cannot be used."""
    link = (
        SubmissionLink.objects.select_related("production", "role")
        .filter(token_hash=hash_token(token))
        .exclude(token_hash="")
        .first()
    )
    if link is None:
        raise CastingError(LINK_INVALID)
    if link.expires_at <= timezone.now():
        raise CastingError(LINK_EXPIRED)
    if link.role.status == RoleStatus.BOOKED:
        raise CastingError(ROLE_CLOSED.format(role=link.role.name))
    return link


def _agent(production_id: int, agency_name: str, name: str, email: str) -> Representative:
    agency = Agency.objects.filter(production_id=production_id, name__iexact=agency_name).first()
    if agency is None:
        agency = Agency(production_id=production_id, name=agency_name)
        agency._change_reason = f"added by {name} through a submission link"
        agency.save()
    agent = agency.representatives.filter(name__iexact=name).first()
    if agent is None:
        agent = Representative(production_id=production_id, agency=agency, name=name, email=email)
        agent._change_reason = "added through a submission link"
        agent.save()
    return agent


def link_submit(
    *, token: str, agency: str, agent: str, email: str, actor: str, note: str = "", files=None
) -> Submission:
    """The agent submits an actor for the link's role. An actor of the production with the same
    name (any case) is that actor, left as they are; otherwise a new actor, with the agent as
    their agent and the headshot or résumé sent (checked by content)."""
    files = files or {}
    with transaction.atomic():
        link = link_for_token(token)
        role = Role.objects.select_for_update(of=("self",)).get(pk=link.role_id)
        production_id = role.production_id
        rep = _agent(production_id, agency.strip(), agent.strip(), email.strip())
        who = f"{rep.name} ({rep.agency.name})"
        person = Actor.objects.filter(production_id=production_id, name__iexact=actor.strip())
        person = person.first()
        if person is None:
            person = Actor(production_id=production_id, name=actor.strip(), agent=rep, **files)
            person.full_clean()
            person._change_reason = f"submitted by {who} through the role's submission link"
            person.save()
        if Submission.objects.filter(role=role, actor=person).exists():
            raise CastingError(ALREADY.format(actor=person.name, role=role.name))
        submission = Submission(
            production_id=production_id,
            role=role,
            actor=person,
            via=SubmissionSource.LINK,
            submitted_by=rep,
            note=note,
        )
        submission._change_reason = f"submitted by {who} through the role's submission link"
        submission.save()
    return submission
