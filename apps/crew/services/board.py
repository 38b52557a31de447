"""The hiring board: departments, openings' candidates and their stages."""

from __future__ import annotations

from django.db import transaction

from apps.crew.models import (
    Candidate,
    MemoState,
    Opening,
    Person,
    Stage,
)
from apps.crew.services.memos import _void
from apps.crew.services.rules import (
    CANDIDATE_EXISTS,
    HIRED_NEEDS_ACCEPTED_MEMO,
    STAGE_UNKNOWN,
    CrewError,
)
from apps.productions import services as production_services
from apps.productions.models import Production

# --- Departments --------------------------------------------------------------------------------


def departments_ensure(*, production: Production) -> int:
    """Give a production the standard departments the first time crew is opened (see
    apps.productions.services.departments_ensure)."""
    return production_services.departments_ensure(production=production)


# --- The board ----------------------------------------------------------------------------------


@transaction.atomic
def candidate_add(*, opening: Opening, person: Person, **fields) -> Candidate:
    if Candidate.objects.filter(opening=opening, person=person).exists():
        raise CrewError(CANDIDATE_EXISTS.format(person=person))
    candidate = Candidate(production=opening.production, opening=opening, person=person, **fields)
    candidate.full_clean()
    candidate.save()
    return candidate


@transaction.atomic
def candidate_move(*, candidate: Candidate, stage: str) -> Candidate:
    """Move a card on the board. Hired comes from an accepted memo, not from a drag; a declined or
    withdrawn candidate's unanswered memo is voided, so it commits nothing."""
    if stage not in Stage.values:
        raise CrewError(STAGE_UNKNOWN)
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if stage == candidate.stage:
        return candidate
    if (
        stage == Stage.HIRED
        and not candidate.deal_memos.filter(
            state__in=(MemoState.ACCEPTED, MemoState.COUNTERSIGNED)
        ).exists()
    ):
        raise CrewError(HIRED_NEEDS_ACCEPTED_MEMO)
    if stage in (Stage.DECLINED, Stage.WITHDRAWN):
        for memo in candidate.deal_memos.filter(state__in=(MemoState.DRAFT, MemoState.SENT)):
            _void(memo, words=f"voided deal memo: the candidate is {stage}")
    candidate.stage = stage
    candidate.save(update_fields=["stage"])
    return candidate
