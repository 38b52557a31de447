"""Which models make up a production, found from the model graph rather than listed by hand.

A model belongs to a production when it has a chain of foreign keys that ends at `Production`
(a `production` key, or `call_sheet -> production`, or an M2M through table's key to a scene…).
Each such model brings its django-simple-history model along. A model added later with such a
key is therefore exported without anyone touching this package; `tests/productions/
test_backup_coverage.py` fails when a model is related to production data but neither found here
nor listed in `EXCLUDED` with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models

from apps.productions.models import Production

# Models that point at production data but are deliberately not part of a production's archive.
EXCLUDED: dict[str, str] = {
    "admin.logentry": (
        "Django admin's log of what staff did through /admin/: installation-wide, keyed by the "
        "old installation's ids as text; the production's own audit trail is its history models."
    ),
    "auth.permission": "installation-wide permission rows, one per model, not per production.",
    "productions.documentbuild": (
        "PDFs the worker built for one member (a budget detail, printed strips): derived from "
        "the production's records and built again on request, never restored."
    ),
}

# Models that production records point at but that do not belong to any one production: they are
# matched in the target installation instead of copied (see restore.py).
REFERENCED: dict[str, str] = {
    settings.AUTH_USER_MODEL.lower(): "matched by e-mail; created without a usable password",
    "contenttypes.contenttype": "matched by (app label, model)",
}

# Credentials that a restored production must not carry: cleared on export. See README.
#  - they are lookup keys: a copy restored next to its original (--slug) would make one token
#    match two rows;
#  - an archive is a file that travels (mail, USB stick, cloud drive): it should open nothing.
# Links mailed before the backup stop working in the copy; the pages can send new ones.
CLEARED_FIELDS: dict[str, tuple[str, ...]] = {
    "productions.invitation": ("token_hash",),
    "productions.membership": ("calendar_token",),
    "crew.dealmemo": ("token_hash",),
    "crew.memoamendment": ("token_hash",),
    "callsheets.recipient": ("token_hash",),
    "schedules.schedulesettings": ("ical_token",),
    "payroll.startpack": ("token_hash",),
    "payroll.timecardlink": ("token_hash",),
    "casting.submissionlink": ("token_hash",),
    "casting.offer": ("token_hash",),
    "casting.offeramendment": ("token_hash",),
    "casting.auditionslot": ("token_hash",),
    "post.guest": ("token_hash",),
}

# Bookkeeping that is not the production's data: left out of archives, left at its default on
# restore. The data stamp (apps/productions/stamps.py) moves again once the restore has written.
NOT_ARCHIVED_FIELDS: dict[str, tuple[str, ...]] = {
    "productions.production": ("data_stamp", "table_stamps")
}


@dataclass(frozen=True)
class SoftReference:
    """A column that holds another record's id without being a foreign key."""

    field: str
    # For one record's values, the label of the model the id points at (None: no reference).
    target: object = None
    # For JSON columns: the (json path, target label) pairs of ids inside the document.
    json_paths: tuple[tuple[tuple[str, ...], str], ...] = ()


SOFT_REFERENCES: dict[str, tuple[SoftReference, ...]] = {
    # An amendment keeps the position it changes from and to by id (its other terms are values).
    "crew.memoamendment": (
        SoftReference(
            "changes",
            json_paths=(
                (("position", "old"), "crew.position"),
                (("position", "new"), "crew.position"),
            ),
        ),
    ),
    # A reminder's object is a certificate or a rental, depending on its kind.
    "vendors.reminder": (
        SoftReference(
            "object_id",
            target=lambda values: {
                "certificate_expiring": "vendors.certificate",
                "rental_overdue": "vendors.rental",
            }.get(values.get("kind")),
        ),
    ),
    # A published revision is a frozen document; it names cast members and people by id so the
    # next revision can say what changed and the sending knows whom to address.
    "callsheets.revision": (
        SoftReference(
            "data",
            json_paths=(
                (("cast", "*", "cast_member"), "schedules.castmember"),
                (("crew", "*", "people", "*", "person"), "crew.person"),
            ),
        ),
    ),
}


# JSON columns of production models known to hold no record ids (codes, dates). A new JSON column
# must be added here or to SOFT_REFERENCES; the coverage test fails until it is.
JSON_WITHOUT_IDS: dict[str, str] = {
    "productions.production.table_stamps": "table names and random numbers, not archived",
    "budgets.markup.sections": "section codes",
    "schedules.schedulesettings.holidays": "ISO dates",
    "schedules.location.unavailable_dates": "ISO dates",
    "schedules.castmember.unavailable_dates": "ISO dates",
    "schedules.scene.speaking": "character names",
    "schedules.castmember.aliases": "character names",
    "schedules.set.aliases": "set names",
    "schedules.schedulesettings.dropped_cues": "character names",
    "daily_reports.hotcostline.detail": "computed pay lines: rule, hours, rate, amount",
    "payroll.packentry.answers": "a hire's plain start paperwork answers (names, phones)",
    "casting.offer.committed_days": "day counts: work, hold, travel",
    "casting.offer.synced_dates": "ISO dates",
    "casting.offeramendment.changes": "term values (rates, days, an account number)",
    "casting.reprice.old_days": "day counts",
    "casting.reprice.new_days": "day counts",
}


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def is_historical(model: type[models.Model]) -> bool:
    return isinstance(getattr(model, "instance_type", None), type) and hasattr(
        model, "history_object"
    )


@dataclass
class Part:
    """One model of a production's archive and how its rows are found."""

    model: type[models.Model]
    # Django lookup from this model to the production, e.g. "call_sheet__production".
    path: str
    history_of: type[models.Model] | None = None
    generic_keys: list[GenericForeignKey] = field(default_factory=list)

    @property
    def label(self) -> str:
        return label(self.model)

    def rows(self, production: Production) -> models.QuerySet:
        return self.model._base_manager.filter(**{self.path: production.pk}).order_by("pk")


def _concrete_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if not m._meta.abstract and not m._meta.proxy
    ]


def _key_fields(model: type[models.Model]):
    return [f for f in model._meta.concrete_fields if f.many_to_one or f.one_to_one]


def production_parts() -> list[Part]:
    """Every model of a production with its lookup path, the historical models after their own."""
    everything = _concrete_models()
    live = [m for m in everything if not is_historical(m) and label(m) not in EXCLUDED]
    paths: dict[type[models.Model], str] = {Production: "pk"}
    frontier = [Production]
    while frontier:  # breadth first: each model gets its shortest chain
        found = []
        for model in live:
            if model in paths:
                continue
            for key in _key_fields(model):
                target = key.related_model
                if target in frontier:
                    tail = "" if target is Production else f"__{paths[target]}"
                    paths[model] = f"{key.name}{tail}"
                    found.append(model)
                    break
        frontier = found

    parts = []
    for model in sorted(paths, key=label):
        parts.append(Part(model, paths[model], generic_keys=_generic_keys(model)))
    histories = {m.instance_type: m for m in everything if is_historical(m)}
    for part in list(parts):
        history = histories.get(part.model)
        if history is None:
            continue
        path = "id" if part.model is Production else _history_path(history, part.path)
        parts.append(Part(history, path, history_of=part.model, generic_keys=part.generic_keys))
    return parts


def _history_path(history: type[models.Model], path: str) -> str:
    """The same chain from the historical model: simple_history keeps the keys' names (without
    database constraints). Only a direct key finds the history of rows deleted since, which is
    why the coverage test asks every model with history to have a `production` key."""
    history._meta.get_field(path.split("__", 1)[0])  # raises if simple_history stops copying it
    return path


def _generic_keys(model: type[models.Model]) -> list[GenericForeignKey]:
    return [f for f in model._meta.private_fields if isinstance(f, GenericForeignKey)]
