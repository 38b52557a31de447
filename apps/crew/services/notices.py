"""What goes out when a memo or an amendment is answered: the hire gets a copy of what they signed,
the office is told. Each e-mail is a MemoNotice row sent through the outbox (retried, and its
state shown), one row per recipient."""

from __future__ import annotations

from apps.core import outbox
from apps.crew.models import DealMemo, MemoAmendment, MemoNotice, NoticeKind
from apps.productions.access import roles_for
from apps.productions.capabilities import Capability as C
from apps.productions.models import Membership

# Who in the office hears of an answer: whoever may make memos (hire, and see the rates they carry).
OFFICE_CAPABILITIES = frozenset({C.HIRE_CREW, C.VIEW_CREW_RATES})


def office_emails(memo: DealMemo) -> list[str]:
    """The memo's author, and every member who may make memos, each once."""
    emails = []
    if memo.created_by_id and memo.created_by.email:
        emails.append(memo.created_by.email)
    members = Membership.objects.filter(
        production_id=memo.production_id, role__in=roles_for(OFFICE_CAPABILITIES)
    ).values_list("user__email", flat=True)
    emails += sorted(members)
    seen, unique = set(), []
    for email in emails:
        key = email.lower()
        if key not in seen and key != memo.person.email.lower():
            seen.add(key)
            unique.append(email)
    return unique


def notices_queue(
    memo: DealMemo, *, amendment: MemoAmendment | None = None, copy_to_hire: bool = True
) -> list[MemoNotice]:
    """Queue the hire's copy (when they signed something) and a notice to each of the office."""
    rows = []
    if copy_to_hire and memo.person.email:
        rows.append((NoticeKind.COPY, memo.person.email))
    rows += [(NoticeKind.OFFICE, email) for email in office_emails(memo)]
    notices = []
    for kind, email in rows:
        notice = MemoNotice.objects.create(
            production_id=memo.production_id,
            memo=memo,
            amendment=amendment,
            kind=kind,
            email=email,
        )
        outbox.queue_after_commit(notice)
        notices.append(notice)
    return notices
