"""Deal memos: drafting, sending, the hire's link (accept or decline), countersigning, voiding."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from apps.core import outbox
from apps.core.locking import save_if_unchanged
from apps.crew.models import (
    MEMO_TERMS,
    AmendmentState,
    Candidate,
    DealMemo,
    Engagement,
    MemoState,
    Opening,
    OpeningStatus,
    Person,
    Stage,
)
from apps.crew.services.engagements import _commit, _release
from apps.crew.services.notices import notices_queue
from apps.crew.services.rules import (
    LINK_EXPIRED,
    LINK_INVALID,
    LINK_USED,
    MEMO_ALREADY_OPEN,
    MEMO_ALREADY_VOID,
    MEMO_HAS_TIMECARDS,
    MEMO_NO_EMAIL,
    MEMO_NOT_ACCEPTED,
    MEMO_NOT_EDITABLE,
    MEMO_NOT_SENDABLE,
    MEMO_SIGNED,
    NAME_MISMATCH,
    CrewError,
)
from apps.crew.services.signing import (
    LinkWords,
    find_by_token,
    issue_token,
    take_acceptance,
    take_countersign,
)
from apps.crew.services.wording import audit, describe, same, stored
from apps.productions.services import hash_token  # noqa: F401 - crew.services names it
from apps.productions.signals import memo_accepted

# --- Deal memos ---------------------------------------------------------------------------------

SIGNED = (MemoState.ACCEPTED, MemoState.COUNTERSIGNED)


@transaction.atomic
def memo_create(*, person: Person, position, created_by=None, candidate=None, **terms) -> DealMemo:
    open_memo = DealMemo.objects.filter(
        person=person, position=position, state__in=(MemoState.DRAFT, MemoState.SENT)
    )
    if open_memo.exists():
        raise CrewError(MEMO_ALREADY_OPEN.format(person=person, position=position))
    memo = DealMemo(
        production=person.production,
        person=person,
        position=position,
        candidate=candidate,
        created_by=created_by,
        **terms,
    )
    memo.full_clean()
    memo._change_reason = audit(f"drafted deal memo for {person.name} as {position}")
    memo.save()
    if candidate is not None and candidate.stage not in (Stage.OFFER, Stage.HIRED):
        candidate.stage = Stage.OFFER
        candidate.save(update_fields=["stage"])
    return memo


@transaction.atomic
def memo_update(*, memo: DealMemo, expected_version: int, **terms) -> DealMemo:
    """Change the terms of a draft or sent memo. A memo already sent goes back to draft (its link
    stops working: the hire must see the new terms). A signed memo's terms are frozen: they change
    by amendment (services/amendments.py), accepted by the hire."""
    if memo.state == MemoState.VOID:
        raise CrewError(MEMO_NOT_EDITABLE)
    # As saved: an edit form may already have set its values on `memo`.
    saved = DealMemo.objects.get(pk=memo.pk)
    if memo.is_signed or saved.state in SIGNED:
        raise CrewError(MEMO_SIGNED)
    before = {term: stored(saved, term) for term in MEMO_TERMS}
    for field, value in terms.items():
        setattr(memo, field, value)
    changes = {
        term: {"old": old, "new": stored(memo, term)}
        for term, old in before.items()
        if not same(memo, term, old)
    }
    if memo.state == MemoState.SENT:
        unsend(memo)
    memo.full_clean()
    memo._change_reason = audit(
        "edited deal memo: " + (describe(changes, memo.production.currency) or "no term changed")
    )
    save_if_unchanged(memo, expected_version=expected_version, what="deal memo")
    return memo


@transaction.atomic
def memo_send(*, memo: DealMemo) -> DealMemo:
    """Queue the e-mail with a fresh link (an earlier link stops working)."""
    memo = DealMemo.objects.select_for_update().get(pk=memo.pk)
    if memo.state not in (MemoState.DRAFT, MemoState.SENT):
        raise CrewError(MEMO_NOT_SENDABLE)
    if not memo.person.email:
        raise CrewError(MEMO_NO_EMAIL.format(person=memo.person))
    now = timezone.now()
    memo.state = MemoState.SENT
    memo.token_hash = ""
    memo.expires_at = now + timedelta(days=settings.DEAL_MEMO_MAX_AGE_DAYS)
    memo.request_send()
    memo.version += 1  # a state change makes an edit form loaded before it stale
    memo._change_reason = audit(f"sent deal memo to {memo.person.email}")
    memo.save()
    outbox.queue_after_commit(memo)
    return memo


MEMO_LINK = LinkWords(LINK_INVALID, LINK_USED, LINK_EXPIRED, CrewError)


def memo_issue_token(memo: DealMemo) -> str:
    """A new random token for the link; only its hash is kept. Called by the sending task."""
    return issue_token(memo)


def memo_for_token(token: str) -> DealMemo:
    """The memo behind a link, or CrewError saying why the link cannot be used."""
    rows = DealMemo.objects.select_related("production", "person", "position__department")
    return find_by_token(rows, token, open_state=MemoState.SENT, words=MEMO_LINK)


@transaction.atomic
def memo_accept(
    *, token: str, typed_name: str, ip: str | None, notify: bool = True, user=None
) -> DealMemo:
    """The hire accepts: their typed name, the time and their address are kept; they join the crew
    list and the guaranteed cost is committed against the position's account. The hire is sent a
    copy of what they signed and the office is told (`notify`: not for the demo's made-up
    people). Accepted while signed in (`user`), the person is linked to that account."""
    memo = memo_for_token(token)
    # Lock the row: two clicks on the same link make one engagement.
    memo = DealMemo.objects.select_for_update().get(pk=memo.pk)
    if memo.state != MemoState.SENT or not memo.token_hash:
        raise CrewError(LINK_USED)
    take_acceptance(
        memo,
        typed_name=typed_name,
        expected=memo.person.name,
        ip=ip,
        mismatch=NAME_MISMATCH,
        error=CrewError,
    )
    memo.state = MemoState.ACCEPTED
    memo.version += 1  # a state change makes an edit form loaded before it stale
    memo._change_reason = audit(f"accepted by typed name “{memo.accepted_name}”")
    memo.save()
    Engagement.objects.create(
        production=memo.production,
        person=memo.person,
        position=memo.position,
        department=memo.position.department,
        deal_memo=memo,
        start_date=memo.start_date,
        end_date=memo.end_date,
    )
    if memo.candidate_id:
        Candidate.objects.filter(pk=memo.candidate_id).update(stage=Stage.HIRED)
        Opening.objects.filter(candidates__pk=memo.candidate_id).update(status=OpeningStatus.FILLED)
    _commit(memo)
    _link_signed_in(memo.person, user)
    if notify:
        notices_queue(memo)
    memo_accepted.send(sender=None, memo=memo, notify=notify)
    return memo


def unsend(memo: DealMemo) -> None:
    """A sent memo goes back to draft: its link stops working and nothing is queued (the caller
    saves). The hire must see the terms again, at the address on file."""
    memo.state = MemoState.DRAFT
    memo.token_hash = ""
    memo.send_status = ""


def _link_signed_in(person: Person, user) -> None:
    """The hire accepted their memo (a link sent to their address) while signed in: the person
    is that account (services.people)."""
    if user is not None and user.is_authenticated and person.user_id is None:
        Person.objects.filter(pk=person.pk, user__isnull=True).update(user=user)
        person.user = user


@transaction.atomic
def memo_decline(*, token: str) -> DealMemo:
    memo = memo_for_token(token)
    memo = DealMemo.objects.select_for_update().get(pk=memo.pk)
    if memo.state != MemoState.SENT or not memo.token_hash:
        raise CrewError(LINK_USED)
    memo.declined_at = timezone.now()
    _void(memo, words="declined by the hire: deal memo void")
    if memo.candidate_id:
        Candidate.objects.filter(pk=memo.candidate_id).update(stage=Stage.DECLINED)
    return memo


@transaction.atomic
def memo_countersign(*, memo: DealMemo, user) -> DealMemo:
    memo = DealMemo.objects.select_for_update().get(pk=memo.pk)
    if memo.state != MemoState.ACCEPTED:
        raise CrewError(MEMO_NOT_ACCEPTED)
    memo.state = MemoState.COUNTERSIGNED
    who = take_countersign(memo, user=user)
    memo.version += 1  # a state change makes an edit form loaded before it stale
    memo._change_reason = audit(f"countersigned by {who}")
    memo.save()
    return memo


@transaction.atomic
def memo_void(*, memo: DealMemo) -> DealMemo:
    """Void a memo: its link stops working, its commitment is released and, if it was signed, the
    hire leaves the crew list."""
    memo = DealMemo.objects.select_for_update().get(pk=memo.pk)
    if memo.state == MemoState.VOID:
        raise CrewError(MEMO_ALREADY_VOID)
    _void(
        memo,
        words="voided deal memo" + (": the hire leaves the crew list" if memo.is_signed else ""),
    )
    return memo


def _void(memo: DealMemo, *, words: str = "voided deal memo") -> None:
    memo.state = MemoState.VOID
    memo.voided_at = timezone.now()
    memo.token_hash = ""
    memo.version += 1  # a state change makes an edit form loaded before it stale
    memo._change_reason = audit(words)
    memo.save()
    memo.amendments.filter(state__in=(AmendmentState.DRAFT, AmendmentState.SENT)).update(
        state=AmendmentState.WITHDRAWN, withdrawn_at=memo.voided_at, token_hash=""
    )
    try:
        with transaction.atomic():
            Engagement.objects.filter(deal_memo=memo).delete()
    except ProtectedError as exc:  # work recorded against the hire (payroll's timecards)
        raise CrewError(MEMO_HAS_TIMECARDS.format(person=memo.person.name)) from exc
    _release(memo)
