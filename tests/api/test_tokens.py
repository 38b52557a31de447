"""Personal access tokens: made on the profile page and shown there once, stored only as a
hash, listed by prefix with their expiry and last use, revoked by their owner alone."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts import tokens
from apps.accounts.models import ApiToken
from tests.api.conftest import client_with

pytestmark = pytest.mark.django_db


def make(client, **fields):
    """Makes a token on the profile page; the page it is sent to next."""
    data = {"name": "Budget sync", "days": "90", **fields}
    return client.post(reverse("accounts:token_create"), data, follow=True)


def test_a_token_is_shown_once_and_stored_as_its_hash(ap_client, ap):
    response = make(ap_client)
    assert response.redirect_chain == [(reverse("accounts:profile") + "#api-tokens", 302)]
    assert response["Cache-Control"] == "no-store"
    raw = response.context["new_token"]
    assert raw.startswith("pd_") and len(raw) > 40
    assert raw in response.content.decode()
    token = ApiToken.objects.get(user=ap)
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {token.prefix, token.token_hash, token.name}
    assert raw.startswith(token.prefix)
    expires_in = token.expires_at - timezone.now()
    assert timedelta(days=89) < expires_in <= timedelta(days=90)
    again = ap_client.get(reverse("accounts:profile"))  # a reload shows it no more
    assert raw not in again.content.decode()
    assert not again.has_header("Cache-Control") or "no-store" not in again["Cache-Control"]
    assert token.prefix in again.content.decode() and "never" in again.content.decode()
    assert ApiToken.objects.count() == 1


def test_the_token_works_and_its_use_is_noted(production, ap_client, ap):
    raw = make(ap_client).context["new_token"]
    assert client_with(raw).get(f"/api/p/{production.slug}/").status_code == 200
    assert ApiToken.objects.get(user=ap).last_used_at is not None


def test_only_the_offered_lifetimes_are_accepted(ap_client, ap):
    response = make(ap_client, days="100000")
    assert response.status_code == 200
    assert response.context["token_form"].errors["days"]
    assert not ApiToken.objects.exists()
    with pytest.raises(tokens.TokenError):
        tokens.token_create(user=ap, name="x", days=100000)


def test_a_read_only_token_is_marked_so(ap_client, ap):
    make(ap_client, read_only="on")
    assert ApiToken.objects.get(user=ap).read_only
    assert "read only" in ap_client.get(reverse("accounts:profile")).content.decode()


def test_the_owner_revokes_a_token_and_it_stops_working(production, ap_client, ap):
    raw = make(ap_client).context["new_token"]
    token = ApiToken.objects.get(user=ap)
    response = ap_client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and not token.is_active
    assert client_with(raw).get(f"/api/p/{production.slug}/").status_code == 401


def test_nobody_else_revokes_a_token(client, ap, outsider):
    token, _ = tokens.token_create(user=ap, name="mine", days=30)
    client.force_login(outsider)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_person_has_at_most_so_many_active_tokens(ap):
    for n in range(tokens.MAX_ACTIVE_TOKENS):
        tokens.token_create(user=ap, name=f"t{n}", days=7)
    with pytest.raises(tokens.TokenError) as refused:
        tokens.token_create(user=ap, name="one more", days=7)
    assert refused.value.message == tokens.TOO_MANY_TOKENS
    tokens.token_revoke(token=ApiToken.objects.filter(user=ap).first())
    tokens.token_create(user=ap, name="one more", days=7)


def test_use_is_noted_at_most_once_a_minute(ap):
    _, raw = tokens.token_create(user=ap, name="t", days=7)
    first = tokens.token_check(raw).last_used_at
    assert tokens.token_check(raw).last_used_at == first
    ApiToken.objects.update(last_used_at=first - timedelta(minutes=2))
    assert tokens.token_check(raw).last_used_at > first - timedelta(minutes=2)


def test_anything_that_is_not_a_token_is_none(ap):
    tokens.token_create(user=ap, name="t", days=7)
    for raw in ("", "pd_", "Bearer x", "pd_" + "x" * 500, "not-even-the-prefix"):
        assert tokens.token_check(raw) is None


def test_a_token_that_turns_up_in_a_log_line_is_redacted(ap):
    from producer_desk.redaction import redact

    _, raw = tokens.token_create(user=ap, name="t", days=7)
    line = f"GET /api/p/x/?auth={raw} failed with Authorization: Bearer {raw}"
    assert raw not in redact(line)
    assert "pd_[redacted]" in redact(line)
