"""The signing engine a deal memo, its amendments and a casting offer share: a single-use link (a
random token, only its hash kept), the lookup that says why a link cannot be used, acceptance by
typed name (the name, the time and the address kept) and the office's countersignature.

A signable row has `token_hash`, `expires_at` (or None), `state`, `accepted_name`, `accepted_at`,
`accepted_ip`; a countersigned one also `countersigned_at` and `countersigned_by`. What the row's
acceptance *does* (an engagement, a booking, a commitment) stays with its owner: these functions
only take the signature. Casting's offers use them (apps/casting/offers/services.py).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from apps.core.errors import DomainError
from apps.crew.services.rules import same_name
from apps.productions.services import hash_token


@dataclass(frozen=True)
class LinkWords:
    """What a link's page says when it cannot be used, and the error it raises."""

    invalid: str
    used: str
    expired: str
    error: type[DomainError]


def issue_token(row) -> str:
    """A new random token for the row's link; only its hash is kept (the sending task saves it)."""
    token = secrets.token_urlsafe(32)
    row.token_hash = hash_token(token)
    return token


def find_by_token(rows: QuerySet, token: str, *, open_state: str, words: LinkWords):
    """The row behind a link, or `words.error` saying why the link cannot be used."""
    row = rows.filter(token_hash=hash_token(token)).exclude(token_hash="").first()
    if row is None:
        raise words.error(words.invalid)
    if row.state != open_state:
        raise words.error(words.used)
    if row.expires_at is not None and timezone.now() >= row.expires_at:
        raise words.error(words.expired)
    return row


def take_acceptance(
    row, *, typed_name: str, expected: str, ip: str | None, mismatch: str, error
) -> str:
    """Check the typed name against `expected` (spacing and case aside) and keep the signature on
    the row: the name as typed (spaces tidied), the time, the address; the link stops working.
    Returns the name kept. The caller sets the new state and saves."""
    if not same_name(typed_name, expected):
        raise error(mismatch.format(name=expected))
    row.accepted_name = " ".join(typed_name.split())
    row.accepted_at = timezone.now()
    row.accepted_ip = ip
    row.token_hash = ""
    return row.accepted_name


def take_countersign(row, *, user) -> str:
    """Keep the office's countersignature on the row; returns who, in words. The caller saves."""
    row.countersigned_at = timezone.now()
    row.countersigned_by = user
    return str(getattr(user, "display_name", user))
