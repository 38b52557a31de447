"""Keep credentials out of the logs: the tokens in public links and secrets in query strings.

The tokened links (invitations, deal memos and their amendments, call-sheet confirmations, start
paperwork, crew's own timecard links, calendar feeds, password reset) carry their credential in
the path, and every access log, Django's "Not Found: /path" warnings and any traceback naming a
URL would otherwise print it. One filter rewrites each log record's message; it is attached to
Django's console handler (settings.LOGGING), to gunicorn's access and error logs
(`RedactingGunicornLogger`, named in gunicorn_conf.py) and to the Celery worker's handlers
(producer_desk/celery.py).

This module imports nothing from Django, so gunicorn can load it before Django is set up.
"""

from __future__ import annotations

import logging
import re

from gunicorn.glogging import Logger as GunicornLogger

REDACTED = "[redacted]"
_SEGMENT = r"[^/?#\s\"']+"
_PATTERNS = [
    # /invitations/<token>/, /deal-memos/<token>/, /memo-amendments/<token>/,
    # /callsheets/confirm/<token>/, /start-paperwork/<token>/, /timecard-link/<token>/,
    # /audition-invitations/<token>/, /casting-offers/<token>/, /casting-offer-amendments/<token>/,
    # /casting-submissions/<token>/, /screening-invitations/<token>/
    (
        re.compile(
            r"(/(?:invitations|deal-memos|memo-amendments|callsheets/confirm|start-paperwork"
            rf"|timecard-link|audition-invitations|casting-offers|casting-offer-amendments"
            r"|casting-submissions|screening-invitations)/)"
            rf"{_SEGMENT}"
        ),
        rf"\1{REDACTED}",
    ),
    # /calendar/<token>.ics
    (re.compile(r"(/calendar/)[^/?#\s\"']+?(\.ics)"), rf"\1{REDACTED}\2"),
    # /accounts/password/reset/<uidb64>/<token>/
    (
        re.compile(rf"(/accounts/password/reset/){_SEGMENT}/{_SEGMENT}"),
        rf"\1{REDACTED}/{REDACTED}",
    ),
    # A personal access token for the API (apps/accounts/tokens.py), wherever it turns up
    (re.compile(r"\bpd_[A-Za-z0-9_-]{20,}"), f"pd_{REDACTED}"),
    # ?token=…, &password=…, ?api_key=…, ?secret=… in any query string
    (
        re.compile(r"([?&;](?:[\w-]*token|password|[\w-]*secret|[\w-]*key)=)[^&;#\s\"']*", re.I),
        rf"\1{REDACTED}",
    ),
]


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactTokens(logging.Filter):
    """Rewrites a record's message (and its traceback) with the credentials replaced."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed record: leave it to the handler to report
            return True
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def add_filter(logger: logging.Logger) -> None:
    """Attach the filter to the logger and its handlers (records from child loggers reach only
    the handlers)."""
    for target in (logger, *logger.handlers):
        if not any(isinstance(f, RedactTokens) for f in target.filters):
            target.addFilter(RedactTokens())


class RedactingGunicornLogger(GunicornLogger):
    """gunicorn's logger with the access log's request line, path, query and referer redacted."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        add_filter(self.access_log)
        add_filter(self.error_log)
