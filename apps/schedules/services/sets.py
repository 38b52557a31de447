"""Sets by hand: rename one, merge several into one.

A script names the same place in more than one way ("KITCHEN", "KITCHEN - LATER"); the first AD
makes them one set so the board, the DOOD and the location reports count it once.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from apps.schedules.models import Scene, Set
from apps.schedules.services.common import (
    SET_NAME_TAKEN,
    SETS_TO_MERGE,
    ScheduleError,
    audit_words,
    with_names,
)


def set_name(name: str) -> str:
    """Set names are kept as scripts write them: upper case, single spaces."""
    return " ".join(name.split()).upper()[:200]


def set_rename(*, set_: Set, name: str) -> Set:
    """Rename a set. A name another set of the production already has, in any case, is refused:
    the two are one place, and merging them (sets_merge) is what keeps both sets' scenes."""
    name = set_name(name)
    with transaction.atomic():
        taken = (
            Set.objects.filter(production=set_.production_id, name__iexact=name)
            .exclude(pk=set_.pk)
            .first()
        )
        if taken is not None:
            raise ScheduleError(SET_NAME_TAKEN.format(name=taken.name), field="name")
        if set_.name != name:
            set_.aliases = with_names(set_.aliases, [set_.name])
            set_.name = name
            set_._change_reason = audit_words(f"renamed to {name}")
            set_.save(update_fields=["name"])
    return set_


def sets_merge(*, target: Set, others: Iterable[Set], user=None) -> Set:
    """Move every scene of `others` to `target` and delete `others`; the target keeps its name
    and location. Each moved scene, the target and each deleted set are written in the audit log.
    `user` names who did it when there is no request (a command, a test)."""
    with transaction.atomic():
        locked = list(
            Set.objects.select_for_update()
            .filter(production=target.production_id, pk__in=[s.pk for s in others])
            .exclude(pk=target.pk)
            .order_by("name")
        )
        if not locked or len(locked) != len({s.pk for s in others} - {target.pk}):
            raise ScheduleError(SETS_TO_MERGE, field="sets")
        names = ", ".join(s.name for s in locked)
        moved = 0
        by_pk = {s.pk: s for s in locked}
        for scene in Scene.objects.filter(set__in=locked).order_by("sort_key"):
            scene._change_reason = audit_words(
                f"set {by_pk[scene.set_id].name} merged into {target.name}"
            )
            if user is not None:
                scene._history_user = user
            scene.set = target
            scene.save(update_fields=["set"])
            moved += 1
        target.aliases = with_names(
            target.aliases, [n for s in locked for n in (s.name, *s.aliases)]
        )
        target._change_reason = audit_words(
            f"merged {names} into this set ({moved} scene{'s' if moved != 1 else ''})"
        )
        if user is not None:
            target._history_user = user
        target.save()
        for other in locked:
            other._change_reason = audit_words(f"merged into {target.name}")
            if user is not None:
                other._history_user = user
            other.delete()
    return target
