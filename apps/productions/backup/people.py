"""Who the people of a restored production are here.

An archive names people by e-mail. Matching them to accounts of this installation is a choice
(`--map-users`): an account with the same e-mail may belong to someone else entirely, and a match
makes it a member of the production and the actor of its history. Without the choice, no account
is touched: memberships come back as pending invitations to their e-mail addresses (sent only
when someone sends them from the members page), and rows that cannot exist without an account
(a reminder addressed to someone) are left out.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from apps.productions.backup.discovery import REFERENCED, Part
from apps.productions.models import Invitation, Membership


def accounts_by_email(records: dict) -> dict:
    """Archive user id -> account id here, matched by e-mail; never change an existing account.
    A new one gets no usable password: they set one through "forgot password"."""
    User = get_user_model()
    mapping = {}
    for entry in records.get("users", []):
        email = entry["email"].strip().lower()
        user = User._base_manager.filter(email__iexact=email).first()
        if user is None:
            user = User(email=email, full_name=entry.get("full_name", ""))
            user.set_unusable_password()
            user.save()
        mapping[entry["id"]] = user.pk
    return mapping


def member_emails(records: dict, models: dict[str, list[dict]]) -> dict[int, str]:
    """Each membership row (keyed by the row object: its ids are rewritten later) -> e-mail."""
    emails = {entry["id"]: entry["email"].strip().lower() for entry in records.get("users", [])}
    return {
        id(row): emails.get(row["fields"].get("user_id"), "")
        for row in models.get("productions.membership", [])
    }


def take_out_unmapped(
    models: dict[str, list[dict]], parts: dict[str, Part], emails: dict[int, str]
) -> list[Invitation]:
    """Remove the live rows whose required account reference is now empty; return a pending
    invitation for each membership removed (one per e-mail not already invited)."""
    invited = {
        row["fields"]["email"].strip().lower()
        for row in models.get("productions.invitation", [])
        if not row["fields"].get("accepted_at") and not row["fields"].get("revoked_at")
    }
    production_id = models["productions.production"][0]["pk"]
    expires = timezone.now() + timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    invitations = []
    for name, rows in models.items():
        part = parts[name]
        needed = [
            f.attname
            for f in part.model._meta.concrete_fields
            if f.many_to_one and f.related_model._meta.label_lower in REFERENCED and not f.null
        ]
        if part.history_of is not None or not needed:
            continue
        kept = [row for row in rows if all(row["fields"].get(f) is not None for f in needed)]
        if part.model is Membership:
            staying = {id(row) for row in kept}
            for row in rows:
                email = emails.get(id(row), "")
                if id(row) in staying or not email or email in invited:
                    continue
                invited.add(email)
                invitations.append(
                    Invitation(
                        production_id=production_id,
                        email=email,
                        role=row["fields"]["role"],
                        department_id=row["fields"].get("department_id"),
                        expires_at=expires,
                    )
                )
        models[name] = kept
    return invitations
