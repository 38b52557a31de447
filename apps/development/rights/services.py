"""Options on rights: made and edited (optimistic locking), extended, documented; and the
reminders before an option expires, logged once per option, recipient, expiry date and notice."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction

from apps.core.locking import save_if_unchanged
from apps.development.errors import EXTENSION_BEFORE_END, OPTION_PERIOD, DevelopmentError
from apps.development.rights.models import (
    REMINDER_DAYS,
    ChainDocument,
    Extension,
    Option,
    OptionReminder,
)
from apps.productions.capabilities import CAPABILITY_ROLES, Capability
from apps.productions.models import Membership, Phase, Production


def _check_period(option: Option) -> None:
    if option.option_start and option.option_end and option.option_end < option.option_start:
        raise DevelopmentError(OPTION_PERIOD, field="option_end")


@transaction.atomic
def option_create(*, option: Option) -> Option:
    _check_period(option)
    option.full_clean()
    option.save()
    return option


@transaction.atomic
def option_update(*, option: Option, expected_version: int) -> Option:
    _check_period(option)
    option.full_clean()
    save_if_unchanged(option, expected_version=expected_version, what="option")
    return option


@transaction.atomic
def extension_add(*, option: Option, extension: Extension) -> Extension:
    locked = Option.objects.select_for_update().get(pk=option.pk)
    expiry = locked.expires_on()
    if extension.new_end <= expiry:
        raise DevelopmentError(
            EXTENSION_BEFORE_END.format(expiry=f"{expiry:%d %b %Y}"), field="new_end"
        )
    extension.option = locked
    extension.production_id = locked.production_id
    extension.full_clean()
    extension.save()
    return extension


@transaction.atomic
def document_add(*, option: Option, document: ChainDocument, user) -> ChainDocument:
    document.option = option
    document.production_id = option.production_id
    document.uploaded_by = user
    document.full_clean()
    document.save()
    return document


def notice_for(days_left: int) -> int | None:
    """Which reminder is due with `days_left` to go: the smallest notice not yet passed (30 from
    30 days out, 7 from 7 days out), so a beat that missed a day still sends each one once."""
    due = [days for days in sorted(REMINDER_DAYS) if 0 <= days_left <= days]
    return due[0] if due else None


def _recipients(production_ids) -> dict[int, list]:
    roles = CAPABILITY_ROLES[Capability.EDIT_DEVELOPMENT]
    found: dict[int, list] = {}
    for m in Membership.objects.filter(
        production_id__in=production_ids, role__in=roles
    ).select_related("user"):
        found.setdefault(m.production_id, []).append(m.user)
    return found


def reminders_create(*, today: date | None = None) -> list[OptionReminder]:
    """Log the option reminders due today for each producer and AP; returns only the new ones
    (those to send). A second run the same day, or the next day inside the same notice, finds
    its rows there and returns nothing. Productions past development still hold their options:
    a lapsing option matters most then."""
    options = list(
        Option.objects.exclude(production__phase=Phase.WRAPPED)
        .select_related("production")
        .prefetch_related("extensions")
    )
    recipients = _recipients({o.production_id for o in options})
    created = []
    for option in options:
        production: Production = option.production
        day = today or production.today()
        expires = option.expires_on(option.extensions.all())
        days = notice_for((expires - day).days)
        if days is None:
            continue
        for user in recipients.get(option.production_id, []):
            try:
                with transaction.atomic():
                    reminder, new = OptionReminder.objects.get_or_create(
                        option=option,
                        recipient=user,
                        expires_on=expires,
                        days=days,
                        defaults={"production": production},
                    )
            except IntegrityError:  # a parallel run logged it first
                continue
            if new:
                created.append(reminder)
    return created
