"""The crew member's own timecard link: sending it (and again, with a fresh token), revoking it,
finding it by its token, and what it may still do.

The link is per engagement and single-purpose: it opens that engagement's timecards, one week at
a time, and the week's draft is saved and submitted through the same services as the pages
(`apps/payroll/services.py`), so a submitted or approved timecard refuses every edit there too.
It stops working when it is revoked, when a later send replaced it, or once the engagement is
released and the work week holding its last day is `TIMECARD_LINK_GRACE_DAYS` behind (time to
fill in that last week).
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.core import outbox
from apps.crew.models import Engagement
from apps.crew.services.wording import audit
from apps.payroll.crew_link.models import TimecardLink
from apps.payroll.errors import TimecardError
from apps.payroll.paying import rules_of, week_start_of
from apps.payroll.services import SIGNED
from apps.productions.services import hash_token

LINK_INVALID = "This link is not valid. Use the latest e-mail about your timecards."
LINK_ENDED = "Your engagement has ended and this link with it. Ask the production office."
NO_EMAIL = "{person} has no e-mail address: add one to send the timecard link."
NO_SIGNED_MEMO = "{person} has no signed deal memo: there is no timecard to fill in."
RELEASED = "{person} is released: their timecard link has ended."


def link_ends(engagement: Engagement) -> date | None:
    """The last day the link opens, or None while the engagement is not released."""
    if engagement.released_at is None or engagement.last_day is None:
        return None
    _, week_starts = rules_of(engagement.production)
    week_end = week_start_of(engagement.last_day, week_starts) + timedelta(days=6)
    return week_end + timedelta(days=settings.TIMECARD_LINK_GRACE_DAYS)


def has_ended(engagement: Engagement) -> bool:
    ends = link_ends(engagement)
    return ends is not None and engagement.production.today() > ends


@transaction.atomic
def link_send(*, engagement: Engagement, user=None) -> TimecardLink:
    """Mail the person their link (made the first time); a resend draws a fresh token and the
    earlier link stops working."""
    person = engagement.person
    if not person.email:
        raise TimecardError(NO_EMAIL.format(person=person.name))
    memo = engagement.deal_memo
    if memo is None or memo.state not in SIGNED:
        raise TimecardError(NO_SIGNED_MEMO.format(person=person.name))
    if has_ended(engagement):
        raise TimecardError(RELEASED.format(person=person.name))
    link, made = TimecardLink.objects.select_for_update().get_or_create(
        engagement=engagement, defaults={"production": engagement.production}
    )
    link.token_hash = ""
    link.revoked_at = None
    link.request_send()
    link._change_reason = audit(
        f"timecard link {'sent' if made else 'sent again'} to {person.email}"
    )
    link.save()
    outbox.queue_after_commit(link)
    return link


@transaction.atomic
def link_revoke(*, link: TimecardLink, user=None) -> TimecardLink:
    link = TimecardLink.objects.select_for_update().get(pk=link.pk)
    link.token_hash = ""
    link.revoked_at = timezone.now()
    link._change_reason = audit("timecard link revoked: it no longer opens")
    link.save(update_fields=["token_hash", "revoked_at"])
    return link


def issue_token(link: TimecardLink) -> str:
    """A new random token for the link; only its hash is kept. Called by the sending task."""
    token = secrets.token_urlsafe(32)
    link.token_hash = hash_token(token)
    return token


def link_for_token(token: str) -> TimecardLink:
    """The live link for `token`; TimecardError when it is unknown, replaced, revoked or ended."""
    link = (
        TimecardLink.objects.select_related(
            "production",
            "engagement__person",
            "engagement__position",
            "engagement__department",
            "engagement__deal_memo",
        )
        .filter(token_hash=hash_token(token), revoked_at=None)
        .exclude(token_hash="")
        .first()
    )
    if link is None:
        raise TimecardError(LINK_INVALID)
    link.engagement.production = link.production
    if has_ended(link.engagement):
        raise TimecardError(LINK_ENDED)
    return link


def engagement_weeks(engagement: Engagement, today: date) -> list[date]:
    """The work weeks the link offers: from the engagement's first to the one holding today (or
    its last day, if sooner), most recent first."""
    _, week_starts = rules_of(engagement.production)
    first = week_start_of(engagement.start_date, week_starts)
    finish = engagement.finish
    last = week_start_of(min(today, finish) if finish else today, week_starts)
    weeks, week = [], last
    while week >= first:
        weeks.append(week)
        week -= timedelta(days=7)
    return weeks
