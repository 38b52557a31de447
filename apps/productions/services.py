"""Writes with rules for productions, memberships and invitations.

Each function is one action, runs in a transaction, and raises ProductionError with a message meant
for the page when a rule says no.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.core import outbox
from apps.core.errors import DomainError
from apps.core.locking import save_if_unchanged
from apps.productions.capabilities import Capability, Role
from apps.productions.models import (
    STANDARD_DEPARTMENTS,
    Department,
    Invitation,
    Membership,
    Production,
)
from apps.productions.signals import member_joined, production_dates_changed

LAST_PRODUCER = "A production needs at least one producer: make someone else producer first."
ALREADY_MEMBER = "{email} is already a member of this production."
ALREADY_INVITED = "{email} already has an open invitation: resend it or revoke it first."
PRODUCER_ONLY = "Only a producer can grant, change or remove the producer role."
DEPARTMENT_REQUIRED = "A department head needs a department."
INVITATION_INVALID = "This invitation link is not valid. Ask for a new invitation."
INVITATION_EXPIRED = "This invitation has expired. Ask {inviter} to send a new one."
INVITATION_USED = "This invitation has already been used."
INVITATION_REVOKED = "This invitation was withdrawn."
INVITATION_WRONG_USER = (
    "This invitation is for {email}, but you are signed in as {current}. Sign out and open the "
    "link again."
)


class ProductionError(DomainError):
    """A rule of the production, its members or invitations refused the action."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- Productions --------------------------------------------------------------------------------


@transaction.atomic
def production_create(*, user: User, role: str = Role.PRODUCER, **fields) -> Production:
    if role not in (Role.PRODUCER, Role.ASSOCIATE_PRODUCER):
        raise ProductionError("The person creating a production is its producer or its AP.")
    production = Production(**fields)
    production.full_clean()
    production.save()
    Membership.objects.create(user=user, production=production, role=role)
    return production


DATE_FIELDS = ("prep_start", "first_shoot_day", "wrap_date", "wrap_end")


@transaction.atomic
def production_settings_save(*, production: Production, expected_version: int) -> Production:
    """Save the production's settings (``production`` carries the edited values), refusing a
    stale edit; when its dates moved, say so (`production_dates_changed`: budgets moves the
    prep and wrap weeks of the versions that follow them)."""
    before = Production.objects.filter(pk=production.pk).values(*DATE_FIELDS).get()
    save_if_unchanged(production, expected_version=expected_version, what="production's settings")
    moved = [f for f in DATE_FIELDS if before[f] != getattr(production, f)]
    if moved:
        production_dates_changed.send(
            sender=Production, production=production, reason=", ".join(moved) + " changed"
        )
    return production


# --- Departments --------------------------------------------------------------------------------


def departments_ensure(*, production: Production) -> int:
    """Give a production the standard departments the first time they are needed (crew, members,
    budget grants); returns how many were created (none once the production has any, so renamed
    or removed ones stay that way)."""
    # Checked outside a transaction: the crew list calls this on every view.
    if Department.objects.filter(production=production).exists():
        return 0
    Department.objects.bulk_create(
        [
            Department(production=production, name=name, order=(i + 1) * 10)
            for i, name in enumerate(STANDARD_DEPARTMENTS)
        ],
        # Two first visits at once: the unique name makes the second insert a no-op.
        ignore_conflicts=True,
    )
    return len(STANDARD_DEPARTMENTS)


# --- Members ------------------------------------------------------------------------------------


def _department_for(role: str, department: Department | None, production: Production):
    """The department a membership in `role` keeps: a department head's own (required, and one of
    this production's), nobody else's."""
    if role != Role.DEPARTMENT_HEAD:
        return None
    if department is None or department.production_id != production.pk:
        raise ProductionError(DEPARTMENT_REQUIRED)
    return department


def _other_producers(membership: Membership) -> bool:
    return (
        Membership.objects.select_for_update()
        .filter(production_id=membership.production_id, role=Role.PRODUCER)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def membership_change(
    *, actor: Membership, membership: Membership, role: str, department: Department | None = None
) -> Membership:
    department = _department_for(role, department, membership.production)
    touches_producer = Role.PRODUCER in (membership.role, role)
    if touches_producer and not actor.can(Capability.MANAGE_PRODUCERS):
        raise ProductionError(PRODUCER_ONLY)
    if (
        membership.role == Role.PRODUCER
        and role != Role.PRODUCER
        and not _other_producers(membership)
    ):
        raise ProductionError(LAST_PRODUCER)
    membership.role = role
    membership.department = department
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, actor: Membership, membership: Membership) -> None:
    if membership.role == Role.PRODUCER:
        if not actor.can(Capability.MANAGE_PRODUCERS):
            raise ProductionError(PRODUCER_ONLY)
        if not _other_producers(membership):
            raise ProductionError(LAST_PRODUCER)
    membership.delete()


# --- Invitations --------------------------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *, actor: Membership, email: str, role: str, department: Department | None = None
) -> Invitation:
    email = email.strip().lower()
    department = _department_for(role, department, actor.production)
    if role == Role.PRODUCER and not actor.can(Capability.MANAGE_PRODUCERS):
        raise ProductionError(PRODUCER_ONLY)
    production = actor.production
    if Membership.objects.filter(production=production, user__email__iexact=email).exists():
        raise ProductionError(ALREADY_MEMBER.format(email=email))
    open_invites = Invitation.objects.filter(
        production=production,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    )
    stale = open_invites.filter(expires_at__lte=timezone.now())
    stale.update(revoked_at=timezone.now())  # an expired invitation no longer blocks a new one
    if open_invites.exists():
        raise ProductionError(ALREADY_INVITED.format(email=email))
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                production=production,
                email=email,
                role=role,
                department=department,
                invited_by=actor.user,
                expires_at=timezone.now() + timedelta(days=settings.INVITATION_MAX_AGE_DAYS),
            )
    except IntegrityError as exc:  # a second invite raced this one
        raise ProductionError(ALREADY_INVITED.format(email=email)) from exc
    _queue_invitation_email(invitation)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation) -> Invitation:
    """A fresh link (the old one stops working), a later expiry, and a new e-mail."""
    if not invitation.is_open:
        raise ProductionError(INVITATION_USED if invitation.accepted_at else INVITATION_REVOKED)
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    invitation.request_send()
    invitation.save()
    _queue_invitation_email(invitation)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.is_open:
        invitation.revoked_at = timezone.now()
        invitation.token_hash = ""
        invitation.save(update_fields=["revoked_at", "token_hash"])


def _queue_invitation_email(invitation: Invitation) -> None:
    outbox.queue_after_commit(invitation)


def invitation_issue_token(invitation: Invitation) -> str:
    """A new random token for the link; only its hash is kept. Called by the sending task."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    return token


def invitation_for_token(token: str) -> Invitation:
    """The invitation behind a link, or ProductionError saying why the link cannot be used."""
    invitation = (
        Invitation.objects.select_related("production", "invited_by")
        .filter(token_hash=hash_token(token))
        .exclude(token_hash="")
        .first()
    )
    if invitation is None:
        raise ProductionError(INVITATION_INVALID)
    if invitation.accepted_at:
        raise ProductionError(INVITATION_USED)
    if invitation.revoked_at:
        raise ProductionError(INVITATION_REVOKED)
    if invitation.is_expired:
        inviter = invitation.invited_by.display_name if invitation.invited_by else "the production"
        raise ProductionError(INVITATION_EXPIRED.format(inviter=inviter))
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    invitation = invitation_for_token(token)
    # Lock the row: two clicks on the same link make one membership.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ProductionError(INVITATION_USED)
    if user.email.lower() != invitation.email.lower():
        raise ProductionError(
            INVITATION_WRONG_USER.format(email=invitation.email, current=user.email)
        )
    membership, created = Membership.objects.get_or_create(
        user=user,
        production=invitation.production,
        defaults={"role": invitation.role, "department": invitation.department},
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.token_hash = ""
    invitation.save(update_fields=["accepted_at", "accepted_by", "token_hash"])
    member_joined.send(
        sender=Invitation, production=invitation.production, user=user, email=invitation.email
    )
    return membership


@transaction.atomic
def invitation_accept_new_account(*, token: str, full_name: str, password: str) -> User:
    invitation = invitation_for_token(token)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ProductionError(
            f"An account for {invitation.email} already exists: sign in to accept."
        )
    user = User.objects.create_user(invitation.email, password, full_name=full_name.strip())
    invitation_accept(token=token, user=user)
    return user
