"""Personal access tokens for the REST API: made, revoked and checked here, and nowhere else.

A token is `pd_` and 43 random URL-safe characters (256 bits), so it is stored as its SHA-256
alone: a slow password hash buys nothing against a secret that cannot be guessed, and a fast one
lets every API request find its token with one indexed lookup. The token is shown once, on the
page that made it; afterwards only its prefix is.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import ApiToken, User
from apps.core.errors import DomainError

TOKEN_PREFIX = "pd_"  # noqa: S105 - the marker every token starts with, not a secret
PREFIX_LENGTH = len(TOKEN_PREFIX) + 8
# How long a new token may live, in days: the profile page offers these.
LIFETIMES = (7, 30, 90, 365)
MAX_ACTIVE_TOKENS = 20
# last_used_at is written at most this often per token, not on every request.
LAST_USED_EVERY = timedelta(minutes=1)

TOO_MANY_TOKENS = (
    f"You have {MAX_ACTIVE_TOKENS} active tokens already: revoke one you no longer use first."
)
BAD_LIFETIME = "Choose how long the token lives: " + ", ".join(f"{d} days" for d in LIFETIMES) + "."


class TokenError(DomainError):
    """A rule about API tokens refused the action."""


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def active_tokens(user: User):
    return ApiToken.objects.filter(user=user, revoked_at=None, expires_at__gt=timezone.now())


@transaction.atomic
def token_create(
    *, user: User, name: str, days: int, read_only: bool = False
) -> tuple[ApiToken, str]:
    """A new token for `user` and the token itself, which is never stored and never shown
    again."""
    if days not in LIFETIMES:
        raise TokenError(BAD_LIFETIME, field="days")
    User.objects.select_for_update().filter(pk=user.pk).first()  # one count at a time per user
    if active_tokens(user).count() >= MAX_ACTIVE_TOKENS:
        raise TokenError(TOO_MANY_TOKENS)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=raw[:PREFIX_LENGTH],
        token_hash=token_hash(raw),
        read_only=read_only,
        expires_at=timezone.now() + timedelta(days=days),
    )
    return token, raw


def token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoked at once and for good; revoking twice keeps the first time."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_check(raw: str) -> ApiToken | None:
    """The active token `raw` is, with its owner, or None (unknown, revoked, expired, or its owner
    deactivated). Notes when it was used, at most once a minute."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_hash(raw), revoked_at=None, expires_at__gt=timezone.now())
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
