"""Locust load test: associate producers at work on one production, plus the stack's floor.

Run it through `python bench/load_test.py`, which builds the database and starts gunicorn and a
Celery worker first; by hand: `locust -f bench/locustfile.py --host http://127.0.0.1:8000`.

Each AP signs in through the real sign-in form (GET for the CSRF token, then POST), opens the
production (LOAD_TEST_SLUG, else the first one on their list) and then reads and edits as an AP
does. Every edit goes through the page's own form with its CSRF token and undoes itself (a line
added is deleted, a strip moved goes back), so repeated runs do not grow the data. Requests are
named by page, so the statistics group per page, not per id; the sign-in and the pages read once
to find what to open are named "setup: …". One more user, signed in as the same AP, asks the
profile page `/accounts/profile/` (the trivial signed-in page bench/page_bench.py measures every
page against) the whole run long: the floor, under the same load.
"""

from __future__ import annotations

import os
import random
import re
import uuid
from html.parser import HTMLParser
from urllib.parse import urlsplit

from locust import HttpUser, between, constant, task

EMAIL = os.environ.get("LOAD_TEST_EMAIL", "ap@demo.producerdesk.test")
PASSWORD = os.environ.get("LOAD_TEST_PASSWORD", "demo-desk-2026")
SLUG = os.environ.get("LOAD_TEST_SLUG", "")
EDIT_MARK = "Load test"  # every edit's description starts with it, so a leftover is easy to find


class Forms(HTMLParser):
    """The forms of a page as a browser would submit them: action -> {field: value}."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.forms: dict[str, dict[str, str]] = {}
        self._fields: dict[str, str] | None = None
        self._select: str | None = None
        self._multiple = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._fields = self.forms.setdefault(a.get("action", ""), {})
        elif tag == "option" and self._select and self._fields is not None:
            # A single select sends its first option unless one is selected; a multiple one
            # sends only its selected options (this reader keeps the last of them).
            if "selected" in a or not (self._multiple or self._select in self._fields):
                self._fields[self._select] = a.get("value", "")
        elif self._fields is None or not a.get("name"):
            return
        elif tag == "input" and a.get("type") not in ("submit", "button", "checkbox", "radio"):
            self._fields[a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select, self._multiple = a["name"], "multiple" in a
        elif tag == "textarea":
            self._fields[a["name"]] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._fields = None
        elif tag == "select":
            self._select = None


def form(html: str, action_end: str) -> tuple[str, dict[str, str]]:
    """The first form on the page whose action ends with `action_end`: (action, fields)."""
    for action, fields in Forms(html).forms.items():
        if action.endswith(action_end):
            return action, dict(fields)
    raise LookupError(f"no form posting to …{action_end}")


def csrf_token(html: str) -> str:
    """The token the page hands its scripts (`hx-headers` on <body>) or its forms."""
    found = re.search(r'"X-CSRFToken": "([^"]+)"', html) or re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', html
    )
    if not found:
        raise LookupError("no CSRF token on the page")
    return found.group(1)


def links(html: str, pattern: str) -> list[str]:
    """Distinct hrefs on the page matching `pattern` (a regex on the whole path), in page order."""
    return list(dict.fromkeys(re.findall(rf'href="({pattern})"', html)))


def sign_in(client) -> str:
    """Sign in through the real form (GET for the CSRF token, then POST); the page landed on."""
    page = client.get("/accounts/login/", name="setup: sign-in page")
    with client.post(
        "/accounts/login/",
        data={
            "username": EMAIL,
            "password": PASSWORD,
            "csrfmiddlewaretoken": csrf_token(page.text),
        },
        name="setup: sign in",
        catch_response=True,
    ) as response:
        if "/accounts/login/" in response.url:
            response.failure("still on the sign-in page: wrong login, or locked out")
            raise LookupError("could not sign in")
        return response.text


class AssociateProducer(HttpUser):
    """The demo AP: reads the production's main pages, now and then edits through their forms."""

    weight = 1
    wait_time = between(1, 3)  # a person reads a page before the next click

    def on_start(self) -> None:
        self.sign_in()
        self.discover()

    # --- setup: sign in, then find the production's pages as a person would, by following links

    def sign_in(self) -> None:
        landed = sign_in(self.client)
        self.slug = SLUG or self._first_production(landed)

    @staticmethod
    def _first_production(html: str) -> str:
        slugs = re.findall(r'href="/p/([-\w]+)/"', html)
        if not slugs:
            raise LookupError("no production on the list")
        # The demo's shoot (the large one first); the slate's projects in development, also on
        # the list, have no budget or call sheets to load-test.
        for wanted in ("night-ferry-large", "night-ferry"):
            if wanted in slugs:
                return wanted
        return slugs[0]

    def discover(self) -> None:
        base = self.base = f"/p/{self.slug}"
        top = self.client.get(f"{base}/budget/", name="setup: budget")
        self.top_sheet = urlsplit(top.url).path
        categories = links(top.text, rf"{base}/budget/versions/\d+/categories/\d+/")
        self.accounts: list[str] = []
        for category in categories[:3]:
            page = self.client.get(category, name="setup: budget category")
            self.accounts += links(page.text, rf"{base}/budget/versions/\d+/accounts/\d+/")
        sheets = self.client.get(f"{base}/callsheets/", name="setup: call sheet list")
        self.call_sheets = links(sheets.text, rf"{base}/callsheets/\d+/")
        drafts = self.client.get(f"{base}/vendors/orders/?status=draft", name="setup: draft POs")
        self.draft_pos = links(drafts.text, rf"{base}/vendors/orders/\d+/")
        for found, what in (
            (self.accounts, "budget account"),
            (self.call_sheets, "call sheet"),
            (self.draft_pos, "draft purchase order"),
        ):
            if not found:
                raise LookupError(f"the production has no {what} to load-test")

    # --- reads, weighted by how often an AP opens each page

    @task(10)
    def dashboard(self) -> None:
        self.client.get(f"{self.base}/", name="dashboard")

    @task(6)
    def top_sheet_page(self) -> None:
        self.client.get(self.top_sheet, name="budget top sheet")

    @task(4)
    def cost_report(self) -> None:
        self.client.get(f"{self.base}/budget/cost-report/", name="cost report")

    @task(5)
    def stripboard(self) -> None:
        self.client.get(f"{self.base}/schedule/", name="stripboard")

    @task(4)
    def crew_list(self) -> None:
        self.client.get(f"{self.base}/crew/", name="crew list")

    @task(4)
    def po_list(self) -> None:
        self.client.get(f"{self.base}/vendors/orders/", name="PO list")

    @task(3)
    def call_sheet(self) -> None:
        self.client.get(random.choice(self.call_sheets), name="call sheet")

    # --- edits, each through the page's own form, each undone before the task ends

    @task(2)
    def budget_line_add_and_delete(self) -> None:
        page = self.client.get(random.choice(self.accounts), name="budget account")
        action, fields = form(page.text, "/lines/new/")
        description = f"{EDIT_MARK} {uuid.uuid4().hex[:8]}"
        fields.update({"new-description": description, "new-rate_formula": "125.50"})
        htmx = {"HX-Request": "true", "X-CSRFToken": csrf_token(page.text)}
        with self.client.post(
            action, data=fields, headers=htmx, name="budget line add", catch_response=True
        ) as response:
            row = re.search(rf'data-line="(\d+)">\s*<td>{description}</td>', response.text)
            delete = row and re.search(
                rf'hx-post="([^"]+/lines/{row.group(1)}/delete/)"', response.text
            )
            if not delete:
                response.failure("the new line, or its delete button, is not in the answer")
                return
        self.client.post(delete.group(1), headers=htmx, name="budget line delete")

    @task(1)
    def strip_move_and_back(self) -> None:
        page = self.client.get(f"{self.base}/schedule/", name="stripboard")
        # Days whose shooting is recorded (data-recorded) take no scene: as a person, move
        # between the days still to shoot.
        days = re.findall(
            r'<ol class="strip-list[^"]*" data-day="(\d+)"(?! data-recorded)(.*?)</ol>',
            page.text,
            re.S,
        )
        placed = [(day, re.findall(r'data-scene="(\d+)"', strips)) for day, strips in days]
        placed = [(day, scenes) for day, scenes in placed if scenes]
        if len(days) < 2 or not placed:
            return
        day, scenes = random.choice(placed)
        position = random.randrange(len(scenes))
        other = random.choice([d for d, _ in days if d != day])
        json = {"Accept": "application/json", "X-CSRFToken": csrf_token(page.text)}
        move = f"{self.base}/schedule/move/"
        scene = scenes[position]
        self.client.post(
            move,
            data={"scene": scene, "day": other, "position": 0},
            headers=json,
            name="strip move",
        )
        self.client.post(
            move,
            data={"scene": scene, "day": day, "position": position},
            headers=json,
            name="strip move",
        )

    @task(1)
    def po_draft_line_add_and_delete(self) -> None:
        po = random.choice(self.draft_pos)
        page = self.client.get(po, name="PO detail")
        action, fields = form(page.text, "/lines/")
        accounts = re.findall(
            r'<option value="([^"]+)">', page.text.split('id="budget-accounts"', 1)[-1]
        )
        description = f"{EDIT_MARK} {uuid.uuid4().hex[:8]}"
        fields.update(
            {
                "account_number": random.choice(accounts) if accounts else "",
                "description": description,
                "quantity": "2",
                "unit_price": "45.00",
            }
        )
        with self.client.post(action, data=fields, name="PO line add", catch_response=True) as r:
            row = re.search(rf"<td>{description}</td>.*?form=\"delete-(\d+)\"", r.text, re.S)
            if not row:
                r.failure("the new line is not on the purchase order")
                return
        delete, fields = form(r.text, f"/orders/lines/{row.group(1)}/delete/")
        self.client.post(delete, data=fields, name="PO line delete")


FLOOR_PAGE = "/accounts/profile/"


class Floor(HttpUser):
    """One signed-in user that asks the trivial page of the same stack (session, user, one
    membership query, a small template): the floor every page's time is a ratio to."""

    fixed_count = 1
    wait_time = constant(0.5)

    def on_start(self) -> None:
        sign_in(self.client)

    @task
    def profile(self) -> None:
        self.client.get(FLOOR_PAGE, name=f"floor: {FLOOR_PAGE}")
