"""The load test cannot rot silently: every task of bench/locustfile.py runs here, once, against
the small demo, through Django's test client standing in for Locust's HTTP session.

A renamed URL, a form that lost a field, a page that no longer links to what the AP user looks
for, an edit that stops undoing itself: each fails here rather than as a run full of errors.
"""

from __future__ import annotations

import importlib
import io
import os
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from apps.budgets.models import DetailLine
from apps.schedules.models import Scene
from apps.vendors.models import PurchaseOrderLine

pytestmark = pytest.mark.django_db

AP_PAGES = {
    "setup: sign-in page",
    "setup: sign in",
    "setup: budget",
    "setup: budget category",
    "setup: call sheet list",
    "setup: draft POs",
    "budget top sheet",
    "dashboard",
    "cost report",
    "stripboard",
    "crew list",
    "PO list",
    "call sheet",
    "budget account",
    "budget line add",
    "budget line delete",
    "strip move",
    "PO detail",
    "PO line add",
    "PO line delete",
}


class Answer:
    """What the locustfile reads of a Locust response, and `failure()` for catch_response."""

    def __init__(self, session: DjangoSession, name: str, response) -> None:
        self.session, self.name = session, name
        self.status_code = response.status_code
        self.text = response.content.decode()
        self.url = response.request["PATH_INFO"]

    def failure(self, message: str) -> None:
        self.session.failures.append(f"{self.name}: {message}")

    def __enter__(self) -> Answer:
        return self

    def __exit__(self, *exc) -> None:
        return None


class DjangoSession:
    """Locust's HttpSession, as far as the locustfile uses it, on a CSRF-checking test client."""

    def __init__(self) -> None:
        self.client = Client(enforce_csrf_checks=True)
        self.requests: list[tuple[str, str, str, int]] = []
        self.failures: list[str] = []

    def get(self, url: str, *, name: str, **options) -> Answer:
        return self._request("get", url, name=name, **options)

    def post(self, url: str, data=None, *, name: str, **options) -> Answer:
        return self._request("post", url, name=name, data=data or {}, **options)

    def _request(self, method, url, *, name, data=None, headers=None, catch_response=False):
        split = urlsplit(url)
        path = split.path + (f"?{split.query}" if split.query else "")
        send = getattr(self.client, method)
        response = send(path, data, headers=headers or {}, follow=True)
        answer = Answer(self, name, response)
        self.requests.append((name, method, path, answer.status_code))
        if answer.status_code >= 400:  # what Locust counts as a failure
            answer.failure(f"{method.upper()} {path} answered {answer.status_code}")
        return answer


@pytest.fixture
def locustfile(monkeypatch):
    # Locust patches the standard library for gevent on import; the test process needs none of it.
    monkeypatch.setenv("LOCUST_SKIP_MONKEY_PATCH", "1")
    monkeypatch.delenv("LOAD_TEST_SLUG", raising=False)
    return importlib.import_module("bench.locustfile")


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--size", "small", stdout=io.StringIO())


def user_of(cls, session: DjangoSession):
    user = cls.__new__(cls)  # Locust's own __init__ wants a running environment
    user.client = session
    return user


def board_state() -> list[tuple[int, int | None, int]]:
    return list(Scene.objects.order_by("pk").values_list("pk", "shoot_day_id", "board_position"))


def test_every_ap_task_answers_on_the_small_demo_and_undoes_its_edits(locustfile, demo):
    session = DjangoSession()
    ap = user_of(locustfile.AssociateProducer, session)
    lines, po_lines = DetailLine.objects.count(), PurchaseOrderLine.objects.count()

    ap.on_start()
    board = board_state()
    for task in dict.fromkeys(locustfile.AssociateProducer.tasks):
        task(ap)

    assert session.failures == []
    assert {name for name, *_ in session.requests} == AP_PAGES
    assert all(status < 400 for *_, status in session.requests)
    assert DetailLine.objects.count() == lines
    assert PurchaseOrderLine.objects.count() == po_lines
    assert board_state() == board


def test_the_edits_really_wrote_before_undoing(locustfile, demo):
    session = DjangoSession()
    ap = user_of(locustfile.AssociateProducer, session)
    ap.on_start()

    ap.budget_line_add_and_delete()
    ap.po_draft_line_add_and_delete()

    assert DetailLine.history.filter(description__startswith=locustfile.EDIT_MARK).count() >= 2
    assert (
        PurchaseOrderLine.objects.filter(description__startswith=locustfile.EDIT_MARK).count() == 0
    )
    posts = [(name, status) for name, method, _, status in session.requests if method == "post"]
    assert ("budget line delete", 200) in posts and ("PO line delete", 200) in posts


def test_the_floor_user_signs_in_and_asks_the_profile_page(locustfile, demo):
    session = DjangoSession()
    floor = user_of(locustfile.Floor, session)

    floor.on_start()
    for task in locustfile.Floor.tasks:
        task(floor)

    assert session.failures == []
    assert session.requests[-1] == (
        "floor: /accounts/profile/",
        "get",
        "/accounts/profile/",
        200,
    )
    # Signed in: the profile answers itself, not a redirect to the sign-in form.
    assert session.client.get("/accounts/profile/").status_code == 200
    assert locustfile.Floor.fixed_count == 1


def test_a_production_the_ap_cannot_open_fails_the_setup(locustfile, demo, monkeypatch):
    monkeypatch.setattr(locustfile, "SLUG", "not-a-production")
    session = DjangoSession()
    ap = user_of(locustfile.AssociateProducer, session)

    with pytest.raises(LookupError):
        ap.on_start()

    assert any("answered 404" in failure for failure in session.failures)


def test_a_wrong_password_is_a_failure_not_a_silent_pass(locustfile, demo, monkeypatch):
    monkeypatch.setattr(locustfile, "PASSWORD", "not-the-password")
    session = DjangoSession()

    with pytest.raises(LookupError):
        user_of(locustfile.AssociateProducer, session).on_start()

    assert session.failures == [
        "setup: sign in: still on the sign-in page: wrong login, or locked out"
    ]


def test_the_form_reader_submits_what_a_browser_would():
    os.environ.setdefault("LOCUST_SKIP_MONKEY_PATCH", "1")
    from bench.locustfile import form

    html = """<form action="/a/lines/new/" method="post">
      <input type="hidden" name="csrfmiddlewaretoken" value="t">
      <input name="new-x" value="1"><input type="submit" name="go" value="Add">
      <input type="checkbox" name="flag" value="on">
      <select name="units"><option value="a">A</option>
        <option value="b" selected>B</option></select>
      <select name="cur"><option value="USD">USD</option><option value="EUR">EUR</option></select>
      <select name="fringes" multiple><option value="1">F1</option></select>
      <textarea name="notes"></textarea></form><form action="/other/"><input name="y"></form>"""

    assert form(html, "/lines/new/") == (
        "/a/lines/new/",
        {"csrfmiddlewaretoken": "t", "new-x": "1", "units": "b", "cur": "USD", "notes": ""},
    )
    with pytest.raises(LookupError):
        form(html, "/missing/")
