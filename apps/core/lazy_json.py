"""A JSONField read lazily: for a large JSON value that most rows carrying it never read."""

from __future__ import annotations

import json
from collections.abc import Mapping

from django.db import models
from django.db.models.fields.json import KeyTransform


class Undecoded(Mapping):
    """A JSON object as the database sent it, decoded on first read. `StampsField` answers with
    it: most rows that carry a production (every PO of a list, every rental of an export, through
    `select_related`) never read its table stamps (apps/productions/stamps.py), and decoding
    them, hundreds of tables, cost more than the rest of the row."""

    __slots__ = ("_text", "_value")

    def __init__(self, text: str):
        self._text = text
        self._value: dict | None = None

    def decoded(self) -> dict:
        if self._value is None:
            self._value = json.loads(self._text)
        return self._value

    def __getitem__(self, key):
        return self.decoded()[key]

    def __iter__(self):
        return iter(self.decoded())

    def __len__(self) -> int:
        return len(self.decoded())

    def __repr__(self) -> str:
        return f"Undecoded({self._text[:60]!r}...)"

    def __getstate__(self):
        return self.decoded()

    def __setstate__(self, state):
        self._text, self._value = "", state


class StampsField(models.JSONField):
    """A JSONField read lazily (`Undecoded`); what it writes and stores is a JSONField's, so it
    deconstructs as one: no migration, no schema of its own."""

    def from_db_value(self, value, expression, connection):
        if isinstance(value, str) and not isinstance(expression, KeyTransform):
            return Undecoded(value)
        return super().from_db_value(value, expression, connection)

    def get_prep_value(self, value):
        if isinstance(value, Undecoded):
            value = value.decoded()
        return super().get_prep_value(value)

    def value_from_object(self, obj):  # serializers (dumpdata), model_to_dict: a plain dict
        value = super().value_from_object(obj)
        return value.decoded() if isinstance(value, Undecoded) else value

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.JSONField", args, kwargs
