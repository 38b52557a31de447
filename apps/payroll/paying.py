"""The week's pay of a stored timecard (its days under the memo's terms and the production's pay
rules, by the pure `week` and crew's pay engine), and saving a timecard with its words in the
history. Services and the prefill both use them; neither imports the other for it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, timedelta

from apps.crew import pay
from apps.crew.models import PayRules
from apps.crew.services.wording import AUDIT_LENGTH, audit
from apps.payroll import week
from apps.payroll.models import Timecard


def week_start_of(day: date, week_starts: int) -> date:
    """The first day of the production's work week holding `day` (`week_starts`: Monday 0)."""
    return day - timedelta(days=(day.weekday() - week_starts) % 7)


def rules_of(production) -> tuple[pay.Rules, int]:
    saved = PayRules.of(production)
    return saved.rules(), saved.week_starts


def entries_of(days) -> list[week.Entry]:
    return [
        week.Entry(
            date=d.date,
            kind=d.kind,
            call=d.call,
            wrap=d.wrap,
            meal1=(d.meal1_out, d.meal1_in),
            meal2=(d.meal2_out, d.meal2_in),
            kit=d.kit,
            mileage=d.mileage,
            distance=d.distance,
        )
        for d in days
    ]


def week_pay_of(timecard: Timecard, days=None) -> week.WeekPay:
    """The week's pay under the memo's terms as they are now (a draft's; see `kept_pay`)."""
    rules, week_starts = rules_of(timecard.production)
    days = list(timecard.days.all()) if days is None else days
    return week.week_pay(pay.Terms.of(timecard.deal_memo), rules, entries_of(days), week_starts)


def kept_pay(timecard: Timecard) -> week.WeekPay:
    """The lines kept at submission (a submitted or approved timecard's pay)."""
    return week.WeekPay(
        tuple(
            week.Line(
                line.date, line.code, line.rule, line.hours, line.rate, line.amount, line.wage
            )
            for line in timecard.lines.all()
        )
    )


def shown_pay(timecard: Timecard, days) -> tuple[week.WeekPay | None, str]:
    """The week's pay a page shows: the kept lines once submitted, else worked out now (None and
    the engine's words when the days cannot be paid as they stand)."""
    if not timecard.is_draft:
        return kept_pay(timecard), ""
    try:
        return week_pay_of(timecard, days), ""
    except pay.PayError as exc:
        return None, exc.message


# Who changes a week when nobody is signed in: the person, through their own timecard link
# (apps/payroll/crew_link). The history then names them where it would name a user.
_through_link: ContextVar[str] = ContextVar("timecard_through_link", default="")


@contextmanager
def through_link(name: str) -> Iterator[None]:
    """The changes made inside are the person `name`'s, through their timecard link."""
    token = _through_link.set(f" by {name} through their timecard link")
    try:
        yield
    finally:
        _through_link.reset(token)


def history_words(words: str) -> str:
    """`words` for a timecard's history, with who made the change when it came by a link."""
    by = _through_link.get()
    if not by:
        return audit(words)
    words = " ".join(words.split())
    room = max(AUDIT_LENGTH - len(by), 20)
    if len(words) > room:
        words = words[: room - 1] + "…"
    return audit(words + by)


def _save(timecard: Timecard, words: str, fields: list[str]) -> Timecard:
    timecard.version += 1
    timecard._change_reason = history_words(words)
    timecard.save(update_fields=[*fields, "version"])
    return timecard


def save_words(timecard: Timecard, words: str) -> Timecard:
    """Save a draft's worked-out total with `words` in its history (the prefill's)."""
    return _save(timecard, words, ["total", "wage"])
