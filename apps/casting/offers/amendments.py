"""A signed offer changes only by an amendment the actor accepts through a link of its own
(crew's signing engine and term wording). Until then the offer, the booking and the budget's
commitment stay as signed; accepting it commits the new cost."""

from __future__ import annotations

import copy
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from apps.casting.errors import CastingError
from apps.casting.offers import money
from apps.casting.offers.models import OFFER_TERMS, AmendmentState, Offer, OfferAmendment
from apps.casting.offers.services import LINK_EXPIRED, NAME_MISMATCH, OFFER_NO_EMAIL, recipient
from apps.core import outbox
from apps.crew.services.signing import LinkWords, find_by_token, issue_token, take_acceptance
from apps.crew.services.wording import apply, audit, same, stored

AMEND_ONLY_SIGNED = "Only a signed offer is amended: edit a draft or sent offer instead."
AMENDMENT_OPEN = "Amendment {number} is still open: send or withdraw it before drafting another."
AMENDMENT_NO_REASON = "Say why the terms change: the actor reads it with the amendment."
AMENDMENT_NO_CHANGE = "Nothing changes: change at least one term."
NO_OPEN_AMENDMENT = "This offer has no open amendment."
AMENDMENT_MOVED = "The offer changed since this amendment was made: ask the office for a new one."
AMENDMENT_LINK = LinkWords(
    "This amendment link is not valid. Ask the production office for a new one.",
    "This amendment has already been answered or withdrawn.",
    LINK_EXPIRED,
    CastingError,
)
OPEN = (AmendmentState.DRAFT, AmendmentState.SENT)


def _words(changes: dict) -> str:
    return "; ".join(
        f"{term} {c['old'] or 'none'} -> {c['new'] or 'none'}" for term, c in changes.items()
    )


@transaction.atomic
def amendment_draft(*, offer: Offer, reason: str, created_by=None, **terms) -> OfferAmendment:
    offer = (
        Offer.objects.select_for_update(of=("self",)).select_related("production").get(pk=offer.pk)
    )
    if not offer.is_signed:
        raise CastingError(AMEND_ONLY_SIGNED)
    if (current := offer.amendments.filter(state__in=OPEN).first()) is not None:
        raise CastingError(AMENDMENT_OPEN.format(number=current.number))
    reason = " ".join(reason.split())
    if not reason:
        raise CastingError(AMENDMENT_NO_REASON, field="reason")
    proposed = copy.copy(offer)
    for term, value in terms.items():
        if term in OFFER_TERMS:
            setattr(proposed, term, value)
    changes = {
        term: {"old": stored(offer, term), "new": stored(proposed, term)}
        for term in OFFER_TERMS
        if not same(offer, term, stored(proposed, term))
    }
    if not changes:
        raise CastingError(AMENDMENT_NO_CHANGE)
    try:
        proposed.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise CastingError(" ".join(exc.messages)) from exc
    number = (offer.amendments.aggregate(n=Max("number"))["n"] or 0) + 1
    amendment = OfferAmendment(
        production_id=offer.production_id,
        offer=offer,
        number=number,
        changes=changes,
        reason=reason[:500],
        created_by=created_by,
    )
    amendment._change_reason = audit(f"drafted amendment {number}: {_words(changes)}")
    amendment.save()
    return amendment


def _open(offer: Offer) -> OfferAmendment:
    found = OfferAmendment.objects.select_for_update().filter(offer=offer, state__in=OPEN).first()
    if found is None:
        raise CastingError(NO_OPEN_AMENDMENT)
    return found


@transaction.atomic
def amendment_send(*, offer: Offer) -> OfferAmendment:
    offer = (
        Offer.objects.select_for_update(of=("self",))
        .select_related("actor__agent")
        .get(pk=offer.pk)
    )
    amendment = _open(offer)
    to = recipient(offer)
    if not to:
        raise CastingError(OFFER_NO_EMAIL.format(actor=offer.actor))
    amendment.state = AmendmentState.SENT
    amendment.token_hash = ""
    amendment.expires_at = timezone.now() + timedelta(days=settings.DEAL_MEMO_MAX_AGE_DAYS)
    amendment.request_send()
    amendment._change_reason = audit(f"sent amendment {amendment.number} to {to}")
    amendment.save()
    outbox.queue_after_commit(amendment)
    return amendment


@transaction.atomic
def amendment_withdraw(*, offer: Offer) -> OfferAmendment:
    amendment = _open(Offer.objects.select_for_update().get(pk=offer.pk))
    amendment.state = AmendmentState.WITHDRAWN
    amendment.token_hash = ""
    amendment._change_reason = audit(f"withdrew amendment {amendment.number}")
    amendment.save()
    return amendment


def amendment_issue_token(amendment: OfferAmendment) -> str:
    return issue_token(amendment)


def amendment_for_token(token: str) -> OfferAmendment:
    rows = OfferAmendment.objects.select_related("production", "offer__actor", "offer__role")
    return find_by_token(rows, token, open_state=AmendmentState.SENT, words=AMENDMENT_LINK)


def _locked(token: str) -> tuple[OfferAmendment, Offer]:
    found = amendment_for_token(token)
    offer = Offer.objects.select_for_update(of=("self",)).select_related(
        "production", "role", "actor"
    )
    offer = offer.get(pk=found.offer_id)
    amendment = OfferAmendment.objects.select_for_update().get(pk=found.pk)
    if amendment.state != AmendmentState.SENT or not amendment.token_hash:
        raise CastingError(AMENDMENT_LINK.used)
    amendment.offer = offer
    return amendment, offer


@transaction.atomic
def amendment_accept(*, token: str, typed_name: str, ip: str | None) -> OfferAmendment:
    """The actor accepts: only now do the offer's terms change and the commitment move."""
    amendment, offer = _locked(token)
    name = take_acceptance(
        amendment,
        typed_name=typed_name,
        expected=offer.actor.name,
        ip=ip,
        mismatch=NAME_MISMATCH,
        error=CastingError,
    )
    moved = any(not same(offer, term, c["old"]) for term, c in amendment.changes.items())
    if not offer.is_signed or moved:
        raise CastingError(AMENDMENT_MOVED)
    apply(offer, amendment.changes)
    offer.version += 1
    offer._change_reason = audit(f"amended offer: {_words(amendment.changes)}")
    offer.save()
    money.commit(offer)
    offer.reprices.filter(state="pending").update(state="superseded")
    amendment.state = AmendmentState.ACCEPTED
    amendment._change_reason = audit(f"amendment {amendment.number} accepted by “{name}”")
    amendment.save()
    return amendment


@transaction.atomic
def amendment_decline(*, token: str) -> OfferAmendment:
    amendment, _ = _locked(token)
    amendment.state = AmendmentState.DECLINED
    amendment.declined_at = timezone.now()
    amendment.token_hash = ""
    amendment._change_reason = audit(f"amendment {amendment.number} declined by the actor")
    amendment.save()
    return amendment
