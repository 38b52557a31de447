"""Optimistic locking for records people edit together.

The edit form carries the version it was loaded at. The save re-reads the row under a lock and goes
ahead only if it still has that version, bumping it; a stale save changes nothing and raises
StaleEdit with a message to show. The save itself is an ordinary `save()`, so history is recorded.
"""

from __future__ import annotations

from django.db import models, transaction

from apps.core.errors import DomainError

STALE_EDIT_MESSAGE = (
    "Someone else saved this {what} while you were editing it. Your changes were not saved: "
    "reload to see theirs, then make your change again."
)


class StaleEdit(DomainError):
    def __init__(self, what: str = "record") -> None:
        super().__init__(STALE_EDIT_MESSAGE.format(what=what))


def save_if_unchanged(
    instance: models.Model,
    *,
    expected_version: int,
    fields: list[str] | None = None,
    what: str = "record",
) -> None:
    model = type(instance)
    with transaction.atomic():
        current = model._default_manager.select_for_update().only("version").get(pk=instance.pk)
        if current.version != expected_version:
            raise StaleEdit(what)
        instance.version = expected_version + 1
        instance.save(update_fields=None if fields is None else [*fields, "version"])
