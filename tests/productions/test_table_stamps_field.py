"""A production's table stamps (hundreds of tables, kilobytes of JSON) are decoded only when read.

Every row that carries its production (`select_related("production")`: each PO of a list, each
rental, each invoice of an export) used to decode them, though only the kept-fragment check reads
them, once per request: a 500-order CSV export spent half its time there.
"""

from __future__ import annotations

import json
import pickle

import pytest
from django.core import serializers

from apps.productions.models import Production
from apps.productions.stamps import move_stamps
from apps.vendors.models import Vendor
from tests.vendors.factories import VendorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_stamps(production):
    move_stamps(None, frozenset(f"app_table_{n}" for n in range(300)))
    production.refresh_from_db()
    return production


def _decodes_of_stamps(monkeypatch) -> list[str]:
    seen: list[str] = []
    loads = json.loads

    def counting(text, *args, **kwargs):
        if isinstance(text, str) and "app_table_" in text:
            seen.append(text)
        return loads(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", counting)
    return seen


def test_rows_carrying_their_production_do_not_decode_its_stamps(many_stamps, monkeypatch):
    for _ in range(20):
        VendorFactory(production=many_stamps)
    decoded = _decodes_of_stamps(monkeypatch)
    vendors = list(Vendor.objects.filter(production=many_stamps).select_related("production"))
    assert len(vendors) == 20
    assert [vendor.production.title for vendor in vendors] == [many_stamps.title] * 20
    assert decoded == []


def test_the_stamps_read_as_they_were_written(many_stamps, monkeypatch):
    written = dict(many_stamps.table_stamps)
    fresh = Production.objects.get(pk=many_stamps.pk)
    decoded = _decodes_of_stamps(monkeypatch)
    stamps = fresh.table_stamps
    assert stamps["app_table_7"] == written["app_table_7"]
    assert stamps.get("app_table_299") and stamps.get("never_written") is None
    assert len(stamps) == 301 and "*" in stamps
    assert dict(stamps) == written
    assert len(decoded) == 1  # once, on the first read
    assert pickle.loads(pickle.dumps(stamps)) == stamps  # noqa: S301 (our own)


def test_a_production_serialized_writes_its_stamps_as_json(many_stamps):
    fresh = Production.objects.get(pk=many_stamps.pk)
    [dumped] = json.loads(serializers.serialize("json", [fresh]))
    assert dumped["fields"]["table_stamps"] == dict(many_stamps.table_stamps)


def test_a_production_saved_after_its_stamps_were_read_keeps_them(many_stamps):
    fresh = Production.objects.get(pk=many_stamps.pk)
    fresh.title = "Renamed"
    fresh.save()
    again = Production.objects.get(pk=many_stamps.pk)
    assert again.title == "Renamed"
    assert dict(again.table_stamps) == dict(many_stamps.table_stamps)
    # Written whole (as a backup restore or a fixture would): the same stamps come back.
    Production.objects.filter(pk=many_stamps.pk).update(table_stamps=again.table_stamps)
    assert dict(Production.objects.get(pk=many_stamps.pk).table_stamps) == dict(
        many_stamps.table_stamps
    )
