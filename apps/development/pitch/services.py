"""Writes to the pitch package: the sections' order and which print (optimistic locking: two
people arranging the same package), and the team, talent, look images and comparables."""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import Max

from apps.core.errors import DomainError
from apps.core.locking import save_if_unchanged
from apps.development.pitch.models import DEFAULT_SECTIONS, PitchPackage, Section
from apps.productions.models import Production

UNKNOWN_SECTION = "There is no section {key!r} in a pitch package."
NOTHING_LEFT = "Keep at least one section in the package."


class PitchError(DomainError):
    pass


@transaction.atomic
def package_for(production: Production) -> PitchPackage:
    package, _ = PitchPackage.objects.select_for_update().get_or_create(
        production=production, defaults={"sections": DEFAULT_SECTIONS}
    )
    return package


def sections_arrange(
    *, production: Production, key: str, action: str, expected_version: int
) -> PitchPackage:
    """`action`: "up" or "down" moves a printed section; "leave_out" and "include" (at the end)
    change what prints."""
    if key not in Section.values:
        raise PitchError(UNKNOWN_SECTION.format(key=key))
    package = package_for(production)
    order = package.order
    if action == "leave_out" and key in order:
        if len(order) == 1:
            raise PitchError(NOTHING_LEFT)
        order.remove(key)
    elif action == "include" and key not in order:
        order.append(key)
    elif action in ("up", "down") and key in order:
        i = order.index(key)
        j = i - 1 if action == "up" else i + 1
        if 0 <= j < len(order):
            order[i], order[j] = order[j], order[i]
    package.sections = ",".join(order)
    save_if_unchanged(package, expected_version=expected_version, what="pitch package")
    return package


@transaction.atomic
def item_save(*, instance: models.Model, production: Production) -> models.Model:
    """A person, look image or comparable, new or changed (its form checked the fields and the
    upload's bytes); a new one goes last."""
    if instance.pk is None:
        instance.production = production
        last = type(instance).objects.filter(production=production).aggregate(m=Max("position"))
        instance.position = (last["m"] or 0) + 1
    instance.save()
    return instance


@transaction.atomic
def item_delete(*, instance: models.Model) -> None:
    instance.delete()
