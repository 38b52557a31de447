"""What the timecard page says about the person's own link: never sent, queued, sent (when),
failed (why), revoked, or ended with the engagement."""

from __future__ import annotations

from dataclasses import dataclass

from apps.crew.models import Engagement
from apps.payroll.crew_link import services
from apps.payroll.crew_link.models import TimecardLink


@dataclass(frozen=True)
class LinkState:
    words: str
    can_send: bool
    can_revoke: bool
    sent: bool


def crew_link_state(engagement: Engagement, production) -> LinkState:
    """Two queries at most (the link, if any; the pay rules' week start once released)."""
    engagement.production = production
    link = TimecardLink.objects.filter(engagement=engagement).first()
    ended = services.has_ended(engagement)
    if ended:
        return LinkState("ended with the engagement's release", False, False, False)
    if link is None:
        return LinkState("not sent yet", True, False, False)
    if link.revoked_at is not None:
        return LinkState(f"revoked {link.revoked_at:%-d %b %Y %H:%M}", True, False, False)
    if link.send_status == "sent":
        words = f"sent {link.sent_at:%-d %b %Y %H:%M}" if link.sent_at else "sent"
        return LinkState(words, True, True, True)
    if link.send_status == "failed":
        reason = f": {link.send_error}" if link.send_error else ""
        return LinkState(f"could not be sent{reason}", True, True, False)
    return LinkState("being sent", True, True, False)
