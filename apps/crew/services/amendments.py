"""Amendments: a signed memo's terms change only when the hire accepts an amendment (what changes,
and why) through a link of its own. Until then the memo, the engagement and the budget's
commitment stay as signed. One amendment is open (draft or sent) at a time; the office may
withdraw it."""

from __future__ import annotations

import copy
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from apps.core import outbox
from apps.crew.models import (
    MEMO_TERMS,
    AmendmentState,
    DealMemo,
    Engagement,
    MemoAmendment,
)
from apps.crew.services.engagements import _commit
from apps.crew.services.notices import notices_queue
from apps.crew.services.rules import (
    LINK_EXPIRED,
    MEMO_NO_EMAIL,
    NAME_MISMATCH,
    CrewError,
)
from apps.crew.services.signing import LinkWords, find_by_token, issue_token, take_acceptance
from apps.crew.services.wording import apply, audit, describe, same, stored

AMEND_ONLY_SIGNED = "Only a signed deal memo is amended: edit a draft or sent memo instead."
AMENDMENT_OPEN = "Amendment {number} is still open: send or withdraw it before drafting another."
AMENDMENT_NO_REASON = "Say why the terms change: the hire reads it with the amendment."
AMENDMENT_NO_CHANGE = "Nothing changes: change at least one term."
NO_OPEN_AMENDMENT = "This memo has no open amendment."
AMENDMENT_LINK_INVALID = (
    "This amendment link is not valid. Ask the production office for a new one."
)
AMENDMENT_LINK_USED = "This amendment has already been answered or withdrawn."
AMENDMENT_MEMO_MOVED = (
    "The deal memo changed since this amendment was made: ask the production office for a new one."
)


@transaction.atomic
def amendment_draft(*, memo: DealMemo, reason: str, created_by=None, **terms) -> MemoAmendment:
    """Draft an amendment with the terms that differ from the memo's; the memo does not change."""
    memo = (
        DealMemo.objects.select_for_update(of=("self",))
        .select_related("production")
        .get(pk=memo.pk)
    )
    if not memo.is_signed:
        raise CrewError(AMEND_ONLY_SIGNED)
    open_one = memo.amendments.filter(state__in=(AmendmentState.DRAFT, AmendmentState.SENT))
    if (current := open_one.first()) is not None:
        raise CrewError(AMENDMENT_OPEN.format(number=current.number))
    reason = " ".join(reason.split())
    if not reason:
        raise CrewError(AMENDMENT_NO_REASON, field="reason")
    proposed = copy.copy(memo)
    proposed._state = copy.copy(memo._state)  # its own cache of related rows
    proposed._state.fields_cache = dict(memo._state.fields_cache)
    for term, value in terms.items():
        if term in MEMO_TERMS:
            setattr(proposed, term, value)
    changes = {
        term: {"old": stored(memo, term), "new": stored(proposed, term)}
        for term in MEMO_TERMS
        if not same(memo, term, stored(proposed, term))
    }
    if not changes:
        raise CrewError(AMENDMENT_NO_CHANGE)
    try:
        proposed.full_clean(validate_unique=False)
    except ValidationError as exc:
        raise CrewError(" ".join(exc.messages)) from exc
    number = (memo.amendments.aggregate(n=Max("number"))["n"] or 0) + 1
    amendment = MemoAmendment(
        production_id=memo.production_id,
        memo=memo,
        number=number,
        changes=changes,
        reason=reason[:500],
        created_by=created_by,
    )
    amendment._change_reason = audit(
        f"drafted amendment {number}: {describe(changes, memo.production.currency)}"
    )
    amendment.save()
    return amendment


def _open_amendment(memo: DealMemo) -> MemoAmendment:
    amendment = (
        MemoAmendment.objects.select_for_update()
        .filter(memo=memo, state__in=(AmendmentState.DRAFT, AmendmentState.SENT))
        .first()
    )
    if amendment is None:
        raise CrewError(NO_OPEN_AMENDMENT)
    return amendment


@transaction.atomic
def amendment_send(*, memo: DealMemo) -> MemoAmendment:
    """E-mail the open amendment to the hire with a fresh link (an earlier one stops working)."""
    memo = DealMemo.objects.select_for_update(of=("self",)).select_related("person").get(pk=memo.pk)
    amendment = _open_amendment(memo)
    if not memo.person.email:
        raise CrewError(MEMO_NO_EMAIL.format(person=memo.person))
    amendment.state = AmendmentState.SENT
    amendment.token_hash = ""
    amendment.expires_at = timezone.now() + timedelta(days=settings.DEAL_MEMO_MAX_AGE_DAYS)
    amendment.request_send()
    amendment._change_reason = audit(f"sent amendment {amendment.number} to {memo.person.email}")
    amendment.save()
    outbox.queue_after_commit(amendment)
    return amendment


@transaction.atomic
def amendment_withdraw(*, memo: DealMemo) -> MemoAmendment:
    """The office takes back the open amendment: its link stops working, the memo stays as is."""
    memo = DealMemo.objects.select_for_update().get(pk=memo.pk)
    amendment = _open_amendment(memo)
    withdraw(amendment, f"withdrew amendment {amendment.number}")
    return amendment


def withdraw(amendment: MemoAmendment, reason: str) -> None:
    """Take the amendment back: its link stops working, the memo stays as is; `reason` is what
    the audit trail says."""
    amendment.state = AmendmentState.WITHDRAWN
    amendment.withdrawn_at = timezone.now()
    amendment.token_hash = ""
    amendment._change_reason = audit(reason)
    amendment.save()


AMENDMENT_LINK = LinkWords(AMENDMENT_LINK_INVALID, AMENDMENT_LINK_USED, LINK_EXPIRED, CrewError)


def amendment_issue_token(amendment: MemoAmendment) -> str:
    """A new random token for the link; only its hash is kept. Called by the sending task."""
    return issue_token(amendment)


def amendment_for_token(token: str) -> MemoAmendment:
    """The amendment behind a link, or CrewError saying why the link cannot be used."""
    rows = MemoAmendment.objects.select_related(
        "production", "memo__person", "memo__position__department", "memo__production"
    )
    return find_by_token(rows, token, open_state=AmendmentState.SENT, words=AMENDMENT_LINK)


def _locked(token: str) -> tuple[MemoAmendment, DealMemo]:
    found = amendment_for_token(token)
    memo = DealMemo.objects.select_for_update(of=("self",)).select_related("production", "person")
    memo = memo.get(pk=found.memo_id)
    amendment = MemoAmendment.objects.select_for_update().get(pk=found.pk)
    if amendment.state != AmendmentState.SENT or not amendment.token_hash:
        raise CrewError(AMENDMENT_LINK_USED)
    amendment.memo = memo
    return amendment, memo


@transaction.atomic
def amendment_accept(*, token: str, typed_name: str, ip: str | None) -> MemoAmendment:
    """The hire accepts: only now do the memo's terms change, the engagement's dates follow and
    the commitment moves. The hire gets a copy of the amended memo; the office is told."""
    amendment, memo = _locked(token)
    take_acceptance(
        amendment,
        typed_name=typed_name,
        expected=memo.person.name,
        ip=ip,
        mismatch=NAME_MISMATCH,
        error=CrewError,
    )
    moved = any(not same(memo, term, c["old"]) for term, c in amendment.changes.items())
    if not memo.is_signed or moved:
        raise CrewError(AMENDMENT_MEMO_MOVED)
    apply(memo, amendment.changes)
    memo.full_clean(validate_unique=False)
    memo.version += 1  # an edit form loaded before the amendment is stale
    memo._change_reason = audit(
        f"amended memo: {describe(amendment.changes, memo.production.currency)}"
    )
    memo.save()
    Engagement.objects.filter(deal_memo=memo, released_at__isnull=True).update(
        position=memo.position,
        department=memo.position.department,
        start_date=memo.start_date,
        end_date=memo.end_date,
    )
    _commit(memo)
    amendment.state = AmendmentState.ACCEPTED
    amendment._change_reason = audit(
        f"amendment {amendment.number} accepted by typed name “{amendment.accepted_name}”"
    )
    amendment.save()
    notices_queue(memo, amendment=amendment)
    return amendment


@transaction.atomic
def amendment_decline(*, token: str) -> MemoAmendment:
    """The hire declines: the memo stays as signed; the office is told."""
    amendment, memo = _locked(token)
    amendment.state = AmendmentState.DECLINED
    amendment.declined_at = timezone.now()
    amendment.token_hash = ""
    amendment._change_reason = audit(f"amendment {amendment.number} declined by the hire")
    amendment.save()
    notices_queue(memo, amendment=amendment, copy_to_hire=False)
    return amendment
