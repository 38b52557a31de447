"""The directory: a person's details, and the one explicit link between a person and an account.

Ownership is an account link, never an equal e-mail. A person is linked to an account when its
holder proves the address: by accepting an invitation to the production sent to the person's
e-mail (`link_invited`, on the tenant's `member_joined` signal), or by accepting their memo
while signed in (services.memos). A department head may not change the e-mail of someone whose
memo has gone out (that would steer the hire's link to another inbox); when the office does, the
outstanding links stop working and the change is recorded.
"""

from __future__ import annotations

from django.db import transaction

from apps.crew.models import DealMemo, MemoAmendment, MemoState, Person
from apps.crew.models.amendments import AmendmentState
from apps.crew.services.amendments import withdraw
from apps.crew.services.memos import unsend
from apps.crew.services.rules import CrewError
from apps.crew.services.wording import audit
from apps.productions.access import own_department
from apps.productions.models import Membership

EMAIL_OFFICE_ONLY = (
    "{person} has a deal memo that has gone out: only the production office changes their "
    "e-mail address."
)
PERSON_ELSEWHERE = (
    "{email} is already in the production's directory, outside your department. Ask the "
    "production office to add them to this opening."
)


def _memos_out(person: Person):
    return DealMemo.objects.filter(person=person).exclude(
        state__in=(MemoState.DRAFT, MemoState.VOID)
    )


@transaction.atomic
def person_update(*, person: Person, membership: Membership, **fields) -> Person:
    """Save the person's details. A new e-mail voids the links that went to the old one (a sent
    memo goes back to draft, a sent amendment is withdrawn) and says so in the audit trail."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    old_email = person.email
    new_email = fields.get("email", old_email).strip().lower()
    changed = new_email != old_email.lower()
    if changed and _memos_out(person).exists() and own_department(membership) is not None:
        raise CrewError(EMAIL_OFFICE_ONLY.format(person=person), field="email")
    for name, value in fields.items():
        setattr(person, name, value)
    person.email = new_email
    voided = 0
    if changed:
        for memo in DealMemo.objects.filter(person=person, state=MemoState.SENT):
            unsend(memo)
            memo.version += 1
            memo._change_reason = audit(
                f"e-mail changed: the link sent to {old_email} no longer works"
            )
            memo.save()
            voided += 1
        for amendment in MemoAmendment.objects.filter(
            memo__person=person, state=AmendmentState.SENT
        ):
            withdraw(amendment, f"withdrawn: e-mail changed from {old_email}")
            voided += 1
        person._change_reason = audit(
            f"e-mail {old_email} -> {new_email}" + (f"; {voided} link(s) voided" if voided else "")
        )
    person.full_clean()
    person.save()
    return person


def candidate_person(*, membership: Membership, name: str, email: str) -> Person:
    """The person a candidate form names: the directory's, by e-mail, or a new one. A
    department head may reuse only someone already in their own department's reach: reusing a
    person from elsewhere would pull them (and their memos) into the head's scope."""
    from apps.crew import queries

    production = membership.production
    email = email.strip().lower()
    existing = Person.objects.filter(production=production, email__iexact=email).first()
    if existing is None:
        return Person.objects.create(production=production, name=name, email=email)
    if own_department(membership) is not None:
        visible = queries.people_of(production, membership).filter(pk=existing.pk).exists()
        if not visible:
            raise CrewError(PERSON_ELSEWHERE.format(email=email))
    return existing


def link_invited(*, production, email: str, user) -> int:
    """The member accepted an invitation sent to `email`: the people of the production at that
    address (not yet linked to anyone) are this account."""
    return Person.objects.filter(
        production=production, email__iexact=email.strip(), user__isnull=True
    ).update(user=user)


def member_joined_receiver(sender, *, production, user, email: str, **kwargs) -> None:
    link_invited(production=production, email=email, user=user)
