"""Who is acting: the person signed in to the request being served, as the audit trail records
them (simple_history's request middleware), or None in a task, a command or a token link.

Work handed to the worker runs after the request is gone: whoever hands it over reads the person
here first and passes them on, so the audit trail still names who did it."""

from __future__ import annotations

from simple_history.models import HistoricalRecords


def signed_in_user():
    """The signed-in user of the request being served on this thread, else None."""
    user = getattr(getattr(HistoricalRecords.context, "request", None), "user", None)
    return user if user is not None and user.is_authenticated else None
