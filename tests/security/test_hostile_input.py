"""Hostile input to every form gets an answer, never a server error.

The demo production (`seed_demo`) is crawled as a producer, who holds every capability: from the
dashboard and every parameterless production URL, each HTML page's links are followed (a few URLs
per URL pattern), and every form that posts (`method="post"` or `hx-post`) is collected with its
fields. The public token pages come from the links in the e-mails the demo sent. Hypothesis then
draws hostile values for each form's fields (huge strings, NUL bytes, formula injection, markup,
SQL, odd unicode, bad numbers and dates, wrong choices, missing and extra fields, bogus files) and
posts them with the CSRF token, with CSRF checks on. Any exception or status >= 500 is collected
and reported together at the end, naming the form, the field values and the error.

Hypothesis runs derandomized (its seed comes from the test), so CI sees the same examples on every
run and a failure reproduces; set HYPOTHESIS_EXPLORE=1 to draw fresh examples locally.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.urls import NoReverseMatch, Resolver404, get_resolver, resolve, reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from apps.productions.capabilities import Role
from apps.productions.models import Production
from tests.conftest import tasks_in_process
from tests.factories import member
from tests.test_access_matrix import walk

pytestmark = pytest.mark.django_db

# Examples per form (each posts to it once); HOSTILE_EXAMPLES=20 for a deeper run.
EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "5"))
PER_ROUTE = 2  # pages crawled per URL pattern
# Files, exports and documents are not forms; PDFs are slow to render and covered elsewhere.
NOT_PAGES = re.compile(r"(pdf|export|print|\.ics|csv|xlsx|document|/cv/|logo|/file/|download)")
NEVER_POST = re.compile(r"(/logout/|/accounts/password/change/)")

HOSTILE_TEXT = [
    "",
    " ",
    "A" * 20_000,
    "\x00",
    "nul\x00byte",
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "@SUM(A1)",
    "-2+3",
    "'; DROP TABLE accounts_user; --",
    '" OR 1=1 --',
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }}{% debug %}",
    "${jndi:ldap://x}",
    "../../../../etc/passwd",
    "\u202egnp.exe",
    "\ufeff\u200b\u00a0",
    "\U0001f3ac\U0001f600 Zürich — Ωμέγα 東京",
    "\r\nX-Injected: yes",
    "-1",
    "0",
    "-0.0",
    "1e309",
    "-99999999999999999999999999",
    "99999999999999999999999999.999999",
    "NaN",
    "Infinity",
    "-Infinity",
    "0x1F",
    "1,000.50",
    "2024-02-30",
    "0000-00-00",
    "99999-12-31",
    "31/12/2030",
    "2030-13-01T25:61",
    "25:61",
    "true",
    "[]",
    "{}",
    # Digits str.isdigit() accepts and int() refuses, and other scripts' digits.
    "²",
    "①",
    "٣",
    "１２",
    "7\u0663",
]
# Query-string names the app reads somewhere, tried on every page besides those the page's own
# links and GET forms use.
COMMON_PARAMS = [
    "format", "page", "q", "sort", "order", "kind", "who", "day", "po", "version", "status",
    "department", "candidate", "next", "account", "vendor", "from", "to", "date", "changed",
    "basis", "checked", "tab", "filter", "tag",
]  # fmt: skip
HOSTILE_FILES = [
    ("empty.csv", b""),
    ("nul.csv", b"\x00" * 64),
    ("formula.csv", b"number,description,amount\n=cmd|' /C calc'!A0,=1+1,NaN\n"),
    ("huge-cell.csv", b"a," + b"9" * 50_000 + b"\n"),
    ("../../evil.html", b"<script>alert(1)</script>"),
    ("fake.pdf", b"%PDF-1.4 not really"),
    ("fake.xlsx", b"PK\x03\x04 broken zip"),
    ("fake.png", b"\x89PNG\r\n\x1a\n broken"),
    (
        "script.fdx",
        b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><FinalDraft>&a;</FinalDraft>",
    ),
    ("script.fountain", "INT. HOUSE - DAY\n\n\x00\u202e".encode()),
    ("bad-utf8.txt", b"\xff\xfe\xfa\x80\x81"),
]


# Derandomized unless HYPOTHESIS_EXPLORE is set; every failure is collected by the tests, so
# nothing to shrink.
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("HYPOTHESIS_EXPLORE"),
    database=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@dataclass
class Form:
    page: str  # where it was found
    action: str
    client: str  # "producer" or "anonymous"
    fields: dict[str, dict] = field(default_factory=dict)  # name -> {"kind", "options"}
    hidden: dict[str, str] = field(default_factory=dict)
    htmx: bool = False

    @property
    def key(self) -> tuple:
        try:
            route = resolve(urlsplit(self.action).path).route
        except Resolver404:
            route = self.action
        return (self.client, route, tuple(sorted(self.fields)))


class FormParser(HTMLParser):
    """Links and posting forms (with their inputs, selects, textareas and named buttons)."""

    def __init__(self, page: str, client: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.client = page, client
        self.links: list[str] = []
        self.forms: list[Form] = []
        self.query_names: list[tuple[str, str]] = []  # (path, name) a GET form sends
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.page, a["href"]))
        if tag == "form":
            posting = a.get("method", "").lower() == "post" or "hx-post" in a
            if not posting:
                self._get_action = urlsplit(urljoin(self.page, a.get("action") or self.page)).path
            if posting:
                action = a.get("hx-post") or a.get("action") or self.page
                self._form = Form(self.page, urljoin(self.page, action), self.client)
                self._form.htmx = "hx-post" in a
            return
        if tag in {"button", "a"} and a.get("hx-post") and self._form is None:
            # A lone htmx button posts its hx-vals to its URL.
            form = Form(self.page, urljoin(self.page, a["hx-post"]), self.client, htmx=True)
            for name in re.findall(r'"(\w+)"\s*:', a.get("hx-vals", "")):
                form.fields[name] = {"kind": "text", "options": []}
            self.forms.append(form)
            return
        form = self._form
        if form is None:
            if getattr(self, "_get_action", None) and a.get("name") and tag in QUERY_TAGS:
                self.query_names.append((self._get_action, a["name"]))
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind == "hidden":
                form.hidden[name] = a.get("value", "")
                if name != "csrfmiddlewaretoken":
                    form.fields[name] = {"kind": "hidden", "options": [a.get("value", "")]}
            elif kind not in {"submit", "button", "reset", "image"}:
                entry = form.fields.setdefault(name, {"kind": kind, "options": []})
                if a.get("value"):
                    entry["options"].append(a["value"])
            elif a.get("value"):
                form.fields.setdefault(name, {"kind": "choice", "options": []})["options"].append(
                    a["value"]
                )
        elif tag == "textarea" and name:
            form.fields[name] = {"kind": "textarea", "options": []}
        elif tag == "select" and name:
            self._select = name
            form.fields[name] = {"kind": "choice", "options": []}
        elif tag == "option" and self._select:
            form.fields[self._select]["options"].append(a.get("value", ""))
        elif tag == "button" and name:
            entry = form.fields.setdefault(name, {"kind": "choice", "options": []})
            entry["options"].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._get_action = None
        if tag == "select":
            self._select = None
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


QUERY_TAGS = {"input", "select", "textarea", "button"}


@dataclass
class Crawl:
    forms: dict[tuple, Form]
    pages: dict[tuple, str]  # (client, route) -> the first URL crawled for it
    query_names: dict[str, set[str]]  # route -> names its links and GET forms send


def _route(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


def crawl(clients: dict[str, Client], starts: list[tuple[str, str]]) -> Crawl:
    """Breadth-first over same-site HTML pages, at most PER_ROUTE pages per URL pattern."""
    forms: dict[tuple, Form] = {}
    pages: dict[tuple, str] = {}
    query_names: dict[str, set[str]] = defaultdict(set)
    seen: set[tuple[str, str]] = set()
    per_route: dict[tuple, int] = defaultdict(int)
    queue = list(starts)
    while queue:
        who, url = queue.pop(0)
        path = urlsplit(url).path
        if (who, url) in seen or NOT_PAGES.search(path) or not path.startswith("/"):
            continue
        seen.add((who, url))
        try:
            route = resolve(path).route
        except Resolver404:
            continue
        if route.startswith("admin") or per_route[(who, route)] >= PER_ROUTE:
            continue
        per_route[(who, route)] += 1
        pages.setdefault((who, route), url)
        response = clients[who].get(url)
        assert response.status_code < 500, f"GET {url} as {who}: {response.status_code}"
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        parser = FormParser(url, who)
        parser.feed(response.content.decode())
        for form in parser.forms:
            if not NEVER_POST.search(form.action):
                forms.setdefault(form.key, form)
        local = [link for link in parser.links if urlsplit(link).netloc in {"", "testserver"}]
        for link in local:
            parts = urlsplit(link)
            names = {pair.split("=")[0] for pair in parts.query.split("&") if pair}
            if names and (found := _route(parts.path)):
                query_names[found] |= names
        for action, name in parser.query_names:
            if found := _route(action):
                query_names[found].add(name)
        queue.extend((who, link) for link in local)
    return Crawl(forms, pages, query_names)


def text_value(kind: str, options: list[str]):
    hostile = st.sampled_from(HOSTILE_TEXT)
    random_text = st.text(max_size=40)
    choices = [st.sampled_from(options)] if options else []
    if kind in {"choice", "radio", "checkbox", "hidden"}:
        return st.one_of(*choices, hostile) if choices else hostile
    return st.one_of(hostile, random_text, *choices)


@st.composite
def payload(draw, form: Form) -> dict:
    data: dict = {}
    for name, spec in form.fields.items():
        if draw(st.integers(0, 5)) == 0:
            continue  # a missing field
        if spec["kind"] == "file":
            filename, content = draw(st.sampled_from(HOSTILE_FILES))
            data[name] = SimpleUploadedFile(filename, content, content_type="text/csv")
        elif draw(st.integers(0, 7)) == 0:
            data[name] = [draw(text_value(spec["kind"], spec["options"])) for _ in range(3)]
        else:
            data[name] = draw(text_value(spec["kind"], spec["options"]))
    if draw(st.booleans()):
        data["unexpected_field"] = draw(st.sampled_from(HOSTILE_TEXT))
    return data


def describe(data: dict) -> dict:
    return {
        k: (f"<file {v.name}>" if isinstance(v, SimpleUploadedFile) else repr(v)[:80])
        for k, v in data.items()
    }


@pytest.fixture(scope="module")
def _demo_media(tmp_path_factory):
    """Where the module's demo keeps its files (logo, certificates, CVs): a folder of its own."""
    return tmp_path_factory.mktemp("hostile-input-demo-media")


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path, _demo_media):
    """Each test gets a fresh copy of the demo's files (as when it seeded the demo itself), so
    the uploads one test posts never reach the next (tests/conftest.py's `_isolated_files`)."""
    shutil.copytree(_demo_media, tmp_path / "media")
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="module")
def _site(django_db_setup, django_db_blocker, _demo_media):
    """The demo production, a producer client, an anonymous client, and the crawl's forms: built
    once for the module inside a transaction rolled back at its end. Each test runs in a savepoint
    of it (pytest-django's `db`), so each starts from the demo just as seeded and crawled, and
    whatever its hostile posts write is rolled back with it. (Seeding and crawling per test took
    34 s and 43 s of the two tests' setup on PostgreSQL, on a loaded 2-core machine.)"""
    # tests/conftest.py's `_celery_in_process` holds tasks in-process per test only; this runs
    # before it, and in the production setup a task sent here (the demo's e-mails) would go to
    # the real worker's queue instead of `mail.outbox`.
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=_demo_media),
        tasks_in_process(),
        transaction.atomic(),
    ):
        del mail.outbox[:]  # only the demo's own e-mails (pytest-django clears it per test)
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("seed_demo", verbosity=0)
        production = Production.objects.get(slug="night-ferry")
        producer = Client(enforce_csrf_checks=True)
        producer.force_login(member(production, Role.PRODUCER))
        anonymous = Client(enforce_csrf_checks=True)
        starts = [("producer", reverse("productions:list"))]
        for route in walk(get_resolver().url_patterns):
            if set(route.converters) == {"production_slug"} and route.name:
                starts.append(
                    ("producer", reverse(route.name, kwargs={"production_slug": "night-ferry"}))
                )
        links = re.findall(
            r"https?://[^/\s]+(/(?:invitations|deal-memos|callsheets/confirm)/[\w.-]+/)",
            "\n".join(message.body for message in mail.outbox),
        )
        assert links, "the demo sent no e-mail with a public link"
        starts += [("anonymous", link) for link in links]
        starts += [
            ("anonymous", reverse("accounts:login")),
            ("anonymous", reverse("accounts:password_reset")),
        ]
        clients = {"producer": producer, "anonymous": anonymous}
        yield clients, crawl(clients, starts)
        transaction.set_rollback(True)


@pytest.fixture
def site(_site, db):
    return _site


def test_hostile_input_to_every_form_never_causes_a_server_error(site):
    clients, found = site
    forms = found.forms
    assert len(forms) >= 40, f"the crawl found only {len(forms)} forms"
    assert any(form.client == "anonymous" for form in forms.values())
    failures: list[str] = []
    refused_by_csrf: list[str] = []
    statuses: Counter = Counter()

    # One Hypothesis run per form, a few draws per example: one example drawing for every form
    # at once overran Hypothesis's buffer once the forms were many, and each overrun example
    # was thrown away and redrawn (posting to every form again) until the test took an hour.
    @FUZZ
    @given(data=st.data())
    def post_to(form, data):
        posted[form.key] += 1
        body = data.draw(payload(form))
        client = clients[form.client]
        body["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
        headers = {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}
        if form.htmx:
            headers["HTTP_HX_REQUEST"] = "true"
        try:
            response = client.post(form.action, body, **headers)
            status = response.status_code
            statuses[status] += 1
            if status == 403 and b"CSRF" in response.content:
                refused_by_csrf.append(form.action)
        except Exception:  # noqa: BLE001 - every escaping exception is a finding
            status = traceback.format_exc(limit=-3)
        if not isinstance(status, int) or status >= 500:
            failures.append(f"POST {form.action} (from {form.page}) {describe(body)}: {status}")

    posted: Counter = Counter()
    for form in forms.values():
        post_to(form)
    assert set(posted) == set(forms), "forms never posted to"
    print(f"{len(forms)} forms, answers by status: {dict(statuses)}")  # shown with pytest -s
    assert refused_by_csrf == [], "posts that never reached the view (CSRF)"
    assert failures == [], f"{len(failures)} server errors:\n" + "\n\n".join(failures)


@pytest.mark.parametrize(
    "token", ["", "x", "A" * 5000, "%00", "..%2F..%2Fetc", "<script>", "' OR 1=1"]
)
def test_hostile_tokens_on_the_public_links_never_cause_a_server_error(client, token):
    for prefix in ("/invitations/", "/deal-memos/", "/callsheets/confirm/"):
        for method in (client.get, client.post):
            assert method(f"{prefix}{token}/").status_code < 500
    assert client.get(f"/calendar/{token}.ics").status_code < 500


def test_hostile_query_strings_and_url_parameters_never_cause_a_server_error(site):
    """Every crawled page, with hostile values in the query-string names its links and GET forms
    use plus the common ones (`?day=²`, `?po=²`), a NUL byte in all of them, and hostile text URL
    parameters."""
    clients, found = site
    assert len(found.pages) >= 60, f"the crawl found only {len(found.pages)} pages"
    failures: list[str] = []

    @FUZZ
    @given(seed=st.integers(0, 2**32 - 1), extra=st.text(max_size=20))
    def get_everywhere(seed, extra):
        # Few draws per example (one seed, one random text): a draw per page and name would
        # overrun Hypothesis's buffer, and every overrun example is thrown away and redrawn.
        pick = random.Random(seed)
        values = [*HOSTILE_TEXT, extra]
        for (who, route), url in found.pages.items():
            names = sorted(found.query_names.get(route, set()) | set(COMMON_PARAMS))
            query = [(name, pick.choice(values)) for name in names if pick.random() < 0.5]
            target = urlsplit(url).path
            try:
                status = clients[who].get(target, query).status_code
            except Exception:  # noqa: BLE001 - every escaping exception is a finding
                status = traceback.format_exc(limit=-3)
            if not isinstance(status, int) or status >= 500:
                failures.append(f"GET {target} {dict(query)!r:.300}: {status}")

    # A NUL byte in every name at once, on every page: PostgreSQL refuses a query that holds one.
    for (who, route), url in found.pages.items():
        names = sorted(found.query_names.get(route, set()) | set(COMMON_PARAMS))
        target = urlsplit(url).path
        try:
            status = clients[who].get(target, dict.fromkeys(names, "a\x00b")).status_code
        except Exception:  # noqa: BLE001 - every escaping exception is a finding
            status = traceback.format_exc(limit=-3)
        if not isinstance(status, int) or status >= 500:
            failures.append(f"GET {target} with a NUL byte in every query name: {status}")
    get_everywhere()
    print(f"{len(found.pages)} pages, {sum(map(len, found.query_names.values()))} query names")
    for route in walk(get_resolver().url_patterns):
        texts = [
            name
            for name, conv in route.converters.items()
            if type(conv).__name__ == "StringConverter"
        ]
        if not texts or route.route.startswith("admin") or not route.name:
            continue
        for value in ["²", "A" * 300, "a.b", "%00", "<x>", "٣"]:
            kwargs = {
                name: (value if name in texts else _sample(name)) for name in route.converters
            }
            try:
                path = reverse(route.name, kwargs=kwargs)
            except NoReverseMatch:  # a value the pattern cannot hold is not a page
                continue
            for who in ("producer", "anonymous"):
                try:
                    status = clients[who].get(path).status_code
                except Exception:  # noqa: BLE001
                    status = traceback.format_exc(limit=-3)
                if not isinstance(status, int) or status >= 500:
                    failures.append(f"GET {path} as {who}: {status}")
    assert failures == [], f"{len(failures)} server errors:\n" + "\n\n".join(failures)


def _sample(name: str):
    """A value for a URL parameter that is not the one under test: the demo's slug, or a number."""
    return "night-ferry" if name == "production_slug" else 1
