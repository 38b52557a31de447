"""`/healthz` answers "ok" to anyone, after exactly one database query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_answers_ok_without_a_sign_in(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_it_makes_exactly_one_query(client):
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("healthz"))

    assert [q["sql"] for q in queries.captured_queries] == ["SELECT 1"]


def test_it_refuses_a_post(client):
    assert client.post(reverse("healthz")).status_code == 405


def test_it_fails_when_the_database_does_not_answer(client, monkeypatch):
    from django.db.utils import OperationalError

    def broken(*args, **kwargs):
        raise OperationalError("database is down")

    monkeypatch.setattr(connection, "cursor", broken)

    with pytest.raises(OperationalError):
        client.get(reverse("healthz"))
