"""Start paperwork's writes: the production's pack, sending a hire their copy (on acceptance of
their memo, by hand, as a reminder), the hire filling it in through the link, and signing it."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from apps.core import outbox
from apps.core.errors import DomainError
from apps.crew.models import Engagement
from apps.crew.services.rules import same_name
from apps.payroll.paperwork import crypto
from apps.payroll.paperwork.models import ItemKind, PackEntry, PackItem, PackState, StartPack
from apps.productions.services import hash_token

log = logging.getLogger(__name__)

LINK_INVALID = "This link is not valid. Use the latest e-mail about your start paperwork."
PACK_COMPLETE = "Your start paperwork is complete; it can no longer be changed."
PACK_NO_EMAIL = "{person} has no e-mail address: add one to send the start pack."
PACK_NOT_DONE = "Fill in every required item before you sign."
PACK_EMPTY = "The production's start pack has no items."
NAME_MISMATCH = "Type your name as the production has it ({name}) to sign."

# Answers kept encrypted (crypto.py), by the form field's name.
SENSITIVE = ("tax_id", "bank_routing", "bank_account")

DEFAULT_PACK = [
    (ItemKind.PERSONAL, "Personal details", ""),
    (ItemKind.EMERGENCY, "Emergency contact", ""),
    (ItemKind.TAX_FORM, "Tax form", "Upload your completed tax form (PDF, JPG or PNG)."),
    (ItemKind.ELIGIBILITY, "Proof of eligibility to work", "A passport or work permit."),
    (ItemKind.BANK, "Bank details for payment", ""),
    (
        ItemKind.POLICY,
        "Health, safety and conduct policy",
        "I have read the production's health and safety policy and its code of conduct, and I "
        "agree to follow them.",
    ),
]


class PaperworkError(DomainError):
    """A start paperwork rule refused the action."""


# --- The production's pack ------------------------------------------------------------------------


@transaction.atomic
def pack_items_ensure(*, production) -> list[PackItem]:
    """The production's pack; the default one the first time it is asked for."""
    items = list(PackItem.objects.filter(production=production))
    if items:
        return items
    PackItem.objects.bulk_create(
        PackItem(production=production, kind=kind, title=title, text=text, order=n)
        for n, (kind, title, text) in enumerate(DEFAULT_PACK, start=1)
    )
    return list(PackItem.objects.filter(production=production))


def pack_item_save(*, item: PackItem) -> PackItem:
    if item.order == 0:
        last = PackItem.objects.filter(production=item.production).order_by("-order").first()
        item.order = (last.order + 1) if last else 1
    item.full_clean()
    item.save()
    return item


def pack_item_delete(*, item: PackItem) -> None:
    item.delete()  # packs already sent keep their own copy of it


# --- Sending ------------------------------------------------------------------------------------


@transaction.atomic
def pack_send(*, engagement: Engagement) -> StartPack:
    """Send the hire their pack (made from the production's items the first time), or send it
    again with a fresh link (the earlier link stops working). A complete pack is not sent."""
    person = engagement.person
    if not person.email:
        raise PaperworkError(PACK_NO_EMAIL.format(person=person.name))
    pack = StartPack.objects.select_for_update().filter(engagement=engagement).first()
    if pack is None:
        items = pack_items_ensure(production=engagement.production)
        if not items:
            raise PaperworkError(PACK_EMPTY)
        pack = StartPack.objects.create(production=engagement.production, engagement=engagement)
        PackEntry.objects.bulk_create(
            PackEntry(
                production=engagement.production,
                pack=pack,
                kind=item.kind,
                title=item.title,
                text=item.text,
                required=item.required,
                order=item.order,
            )
            for item in items
        )
    elif pack.is_complete:
        raise PaperworkError(PACK_COMPLETE)
    pack.token_hash = ""
    pack.request_send()
    pack.save()
    outbox.queue_after_commit(pack)
    return pack


def on_memo_accepted(sender, memo, notify: bool = True, **kwargs) -> None:
    """crew's `memo_accepted`: the hire gets their start pack (not the demo's made-up people)."""
    if not notify:
        return
    try:
        pack_send(engagement=memo.engagement)
    except PaperworkError as exc:  # no e-mail address: the paperwork page offers to send it
        log.info("start pack for memo %s not sent: %s", memo.pk, exc.message)


def issue_token(pack: StartPack) -> str:
    """A new random token for the link; only its hash is kept. Called by the sending task."""
    token = secrets.token_urlsafe(32)
    pack.token_hash = hash_token(token)
    return token


@transaction.atomic
def reminders_send(*, now=None) -> list[StartPack]:
    """Packs not complete, last mailed PAPERWORK_REMINDER_DAYS ago or more: mailed again (a
    fresh link). Safe to run twice: a pack just reminded is not due again for days."""
    now = now or timezone.now()
    due = now - timedelta(days=settings.PAPERWORK_REMINDER_DAYS)
    packs = list(
        StartPack.objects.select_for_update()
        .exclude(state=PackState.COMPLETE)
        .filter(send_status="sent", sent_at__lte=due)
    )
    for pack in packs:
        pack.reminders += 1
        pack.request_send()
        pack.save()
        outbox.queue_after_commit(pack)
    return packs


# --- The hire's link ----------------------------------------------------------------------------


def pack_for_token(token: str) -> StartPack:
    pack = (
        StartPack.objects.select_related("production", "engagement__person", "engagement__position")
        .filter(token_hash=hash_token(token))
        .exclude(token_hash="")
        .first()
    )
    if pack is None:
        raise PaperworkError(LINK_INVALID)
    return pack


def clean_file_name(name: str) -> str:
    """The uploaded file's name for display only: no path, no control characters, short."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable())
    try:
        cleaned = get_valid_filename(base)
    except Exception:  # SuspiciousFileOperation for "", ".", ".."
        cleaned = "upload"
    return cleaned[-100:] or "upload"


@transaction.atomic
def entry_fill(*, pack: StartPack, entry: PackEntry, data: dict, upload=None) -> PackEntry:
    """The hire's answer to one item: plain answers kept as they are, sensitive ones encrypted,
    an upload stored under a random name."""
    pack = StartPack.objects.select_for_update().get(pk=pack.pk)
    if pack.is_complete:
        raise PaperworkError(PACK_COMPLETE)
    entry = PackEntry.objects.get(pk=entry.pk, pack=pack)
    plain = {k: v for k, v in data.items() if k not in SENSITIVE and k != "file"}
    secret = {k: v for k, v in data.items() if k in SENSITIVE}
    entry.answers = {k: ("yes" if v is True else str(v)) for k, v in plain.items()}
    if secret:
        entry.secret = crypto.encrypt(secret)
    if upload is not None:
        if entry.file:  # a form uploaded again: the one it replaces does not linger on disk
            entry.file.delete(save=False)
        entry.file_name = clean_file_name(upload.name)
        entry.file.save(upload.name, upload, save=False)
    entry.done_at = timezone.now()
    entry._change_reason = f"filled in “{entry.title}”"
    entry.save()
    if pack.state == PackState.SENT:
        pack.state = PackState.IN_PROGRESS
        pack._change_reason = "the hire started their start paperwork"
        pack.save(update_fields=["state"])
    return entry


@transaction.atomic
def pack_sign(*, pack: StartPack, typed_name: str, ip: str | None) -> StartPack:
    """The hire signs by typed name (their name, the time and their address kept): complete."""
    pack = (
        StartPack.objects.select_for_update(of=("self",))
        .select_related("engagement__person")
        .get(pk=pack.pk)
    )
    if pack.is_complete:
        raise PaperworkError(PACK_COMPLETE)
    if pack.entries.filter(required=True, done_at__isnull=True).exists():
        raise PaperworkError(PACK_NOT_DONE)
    name = pack.engagement.person.name
    if not same_name(typed_name, name):
        raise PaperworkError(NAME_MISMATCH.format(name=name))
    pack.state = PackState.COMPLETE
    pack.signed_name = " ".join(typed_name.split())
    pack.signed_at = timezone.now()
    pack.signed_ip = ip
    pack._change_reason = f"signed by typed name “{pack.signed_name}”"
    pack.save()
    return pack
