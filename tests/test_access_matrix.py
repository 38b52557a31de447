"""Every production URL is behind the one access layer, and answers the three personas correctly.

The REST API's production endpoints (/api/p/<production_slug>/...) are walked with the pages:
they run the same check (apps/api/access.py), here signed in by session; an anonymous caller
gets 401 instead of the login page. tests/api/test_api_access.py walks them again with tokens
(an outsider's, a read-only one, revoked and expired ones) and the other write methods.

The walk covers every URL pattern the project registers, so a view added later without
`@production_view` fails here: either it lives under /p/<production_slug>/ without declaring a
capability, or it lives elsewhere without being listed as deliberately public below. Each URL is
walked with both methods (GET needs the view's read capability, POST its write capability), and
each URL whose view declares a department scope is walked by the head of another department.
Views decide access only in that one line: a view module that refuses a request itself (a
capability or role checked inline, PermissionDenied raised) fails here too.
"""

from __future__ import annotations

import ast
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from apps.productions.access import roles_for
from apps.productions.capabilities import Role
from tests.factories import member

pytestmark = pytest.mark.django_db

# URLs outside /p/<production_slug>/: each is public or only needs a signed-in user, and shows
# no production's data except through a check of its own (the invitation token).
OUTSIDE_PRODUCTIONS = {
    "accounts:login",
    "accounts:logout",
    "accounts:profile",
    # The signed-in user's own API tokens: made and revoked only by their owner (404 otherwise).
    "accounts:token_create",
    "accounts:token_revoke",
    "accounts:password_change",
    "accounts:password_change_done",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "productions:list",
    "productions:create",
    # The development slate: the signed-in user's own productions' projects only (the query
    # joins their memberships), and a new idea, made a production with them as its producer.
    "slate:list",
    "slate:new",
    "slate:export",
    "invitation_accept",
    # The hire's deal memo link: the hashed, expiring, single-use token is the credential.
    "deal_memo_accept",
    # The hire's link to an amendment of their signed memo: the same kind of token.
    "memo_amendment_accept",
    # The actor's casting offer link, and an amendment's: the same kind of token (crew's
    # signing engine), opening only that offer.
    "casting_offer_accept",
    "casting_offer_amendment_accept",
    # The hire's start paperwork link: the hashed random token is the credential; it opens only
    # that hire's pack, read-only once signed, and each new e-mail about it replaces it.
    "start_pack",
    # A crew member's own timecard link: the hashed random token is the credential; it opens only
    # that engagement's timecards, edits only a draft, and ends after a release (or when revoked
    # or replaced by a later e-mail).
    "timecard_link",
    # The schedule's iCalendar feed: calendar apps cannot sign in, so the random token in the
    # address is the credential; only that token is stored, and revoking it draws a new one.
    "schedule_ical",
    # A call sheet recipient's confirmation link: the hashed random token is the credential; it
    # confirms only its own recipient and stops working after the shoot day.
    "callsheet_confirm",
    # An audition invitation's link: the hashed random token is the credential; it shows and
    # answers only its own slot, once, and stops working after the session's day.
    "audition_answer",
    # A role's submission link for agents: the hashed random token is the credential; it shows
    # only that role's name and description and adds submissions to it, until revoked or booked.
    "casting_submit",
    # A screening guest's link: the hashed random token is the credential; it shows, answers and
    # takes feedback for its own guest only.
    "screening_rsvp",
    # The health check: a load balancer cannot sign in; it answers "ok" after one `SELECT 1` and
    # shows no data at all.
    "healthz",
    # The API's schema and its reference page describe the endpoints and hold no data.
    "api:schema",
    "api:docs",
    # The caller's own memberships, each with its production: nobody else's.
    "api:productions",
    None,
}

# Where production URLs live: the pages, and the REST API's endpoints.
PRODUCTION_PREFIXES = ("p/<slug:production_slug>/", "api/p/<slug:production_slug>/")

# What @production_view leaves on the view it wraps.
DECLARED = ("read_capabilities", "write_capabilities", "production_scope")

SAMPLE = {"int": 987654, "str": "x", "slug": "x", "path": "x", "uuid": str(uuid.uuid4())}


@dataclass
class Route:
    name: str | None
    route: str
    callback: object
    converters: dict


def walk(patterns, prefix: str = "", namespace: str | None = None, converters=None):
    converters = converters or {}
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            ns = entry.namespace or namespace
            if namespace and entry.namespace:
                ns = f"{namespace}:{entry.namespace}"
            yield from walk(
                entry.url_patterns,
                prefix + str(entry.pattern),
                ns,
                {**converters, **entry.pattern.converters},
            )
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Route(
                name,
                prefix + str(entry.pattern),
                entry.callback,
                {**converters, **entry.pattern.converters},
            )


def problems_in(patterns) -> list[str]:
    """What is wrong with the access control of these URL patterns (empty when all is well)."""
    found = []
    for route in walk(patterns):
        if "production_slug" in route.converters:
            if not route.route.startswith(PRODUCTION_PREFIXES):
                found.append(f"{route.route}: production pages live under /p/<slug>/")
            if not all(hasattr(route.callback, attr) for attr in DECLARED):
                found.append(f"{route.route} ({route.name}): no @production_view(capability)")
        elif route.name not in OUTSIDE_PRODUCTIONS:
            found.append(f"{route.route} ({route.name}): outside /p/ and not listed as public")
    return found


def production_routes() -> list[Route]:
    return [r for r in walk(get_resolver().url_patterns) if "production_slug" in r.converters]


def url_for(route: Route, slug: str) -> str:
    kwargs = {"production_slug": slug}
    for key, converter in route.converters.items():
        if key != "production_slug":
            kind = type(converter).__name__.replace("Converter", "").lower()
            kwargs[key] = SAMPLE.get(kind, "x")
    return reverse(route.name, kwargs=kwargs)


def test_every_registered_url_is_behind_the_access_layer():
    assert problems_in(get_resolver().url_patterns) == []


def test_the_walk_catches_an_unprotected_production_view():
    from django.http import HttpResponse
    from django.urls import include, path

    def sneaky(request, production_slug):
        return HttpResponse("budget")

    patterns = [path("p/<slug:production_slug>/", include([path("leak/", sneaky, name="leak")]))]
    assert problems_in(patterns) == [
        "p/<slug:production_slug>/leak/ (leak): no @production_view(capability)"
    ]


def test_the_walk_catches_an_unlisted_view_outside_productions():
    from django.http import HttpResponse
    from django.urls import path

    patterns = [path("everything/", lambda request: HttpResponse(), name="everything")]
    assert problems_in(patterns) == [
        "everything/ (everything): outside /p/ and not listed as public"
    ]


ROUTES = production_routes()


def test_the_matrix_has_production_routes_to_walk():
    assert len(ROUTES) >= 10


def is_api(route: Route) -> bool:
    return route.route.startswith("api/")


def test_the_matrix_walks_the_api_too():
    assert len([route for route in ROUTES if is_api(route)]) >= 25


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_users_are_sent_to_login(client, production, route, method):
    response = getattr(client, method)(url_for(route, production.slug))
    if is_api(route):  # a script is told to authenticate, not sent to a form
        assert response.status_code == 401
        return
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
@pytest.mark.parametrize("method", ["get", "post"])
def test_non_members_get_404(client, production, outsider, route, method):
    client.force_login(outsider)
    assert getattr(client, method)(url_for(route, production.slug)).status_code == 404


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_unknown_productions_get_404(client, outsider, route):
    client.force_login(outsider)
    assert client.get(url_for(route, "no-such-production")).status_code == 404


def allowed(route: Route, method: str) -> frozenset[Role]:
    callback = route.callback
    needs = callback.read_capabilities if method == "get" else callback.write_capabilities
    return roles_for(needs)


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
@pytest.mark.parametrize("method", ["get", "post"])
def test_members_without_the_capability_get_403(client, production, route, method):
    denied = [role for role in Role if role not in allowed(route, method)]
    if not denied:
        pytest.skip(f"every role may {method} {route.name}")
    for role in denied:
        client.force_login(member(production, role))
        response = getattr(client, method)(url_for(route, production.slug))
        assert response.status_code == 403, f"{role} on {route.name}"


@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
@pytest.mark.parametrize("method", ["get", "post"])
def test_members_with_the_capability_get_past_the_access_layer(client, production, route, method):
    roles = allowed(route, method)
    if not roles:
        pytest.skip(f"no role may {method} {route.name}")
    client.force_login(member(production, sorted(roles)[0]))
    # The sample ids do not exist: past the access layer a page answers 200, a redirect, 404 for
    # the missing object, 405 for the other method, or 400 for a POST without its fields, but
    # never 403. The API answers 415 to the test client's form-encoded POST: it reads JSON only.
    response = getattr(client, method)(url_for(route, production.slug))
    assert response.status_code in {200, 302, 400, 404, 405} | ({415} if is_api(route) else set())


def test_read_and_write_are_declared_apart():
    from apps.vendors.views.rentals import rentals

    assert {c.value for c in rentals.read_capabilities} == {"view_vendors"}
    assert {c.value for c in rentals.write_capabilities} == {"manage_vendors"}


# --- Department scope ---------------------------------------------------------------------------

# Scoped views whose URL names no object: walked by tests/crew/test_permissions.py instead.
SCOPED_WITHOUT_OBJECT = {
    "crew:departments": "the list page; only adding a department (not a position) is the office's",
}


def _app_wide_scopes() -> set:
    from apps.post.access import post_scope

    return {post_scope}


# Scope hooks that answer for a whole app, not per object (post: only the Post department's head).
APP_WIDE_SCOPES = _app_wide_scopes()


def _camera_world(production) -> dict:
    """One object of every department-scoped model, all in the Camera department."""
    from apps.crew.models import DayAssignment
    from apps.payroll.models import Timecard
    from apps.productions.models import Department
    from tests.crew.factories import (
        CandidateFactory,
        DealMemoFactory,
        DepartmentFactory,
        EngagementFactory,
        OpeningFactory,
    )
    from tests.schedules.factories import ShootDayFactory

    camera = DepartmentFactory(production=production, name="Camera")
    DepartmentFactory(production=production, name="Sound")
    opening = OpeningFactory(position__department=camera)
    candidate = CandidateFactory(opening=opening)
    engagement = EngagementFactory(position=opening.position)
    day = DayAssignment.objects.create(
        production=production,
        shoot_day=ShootDayFactory(production=production),
        person=engagement.person,
        position=opening.position,
    )
    memo = DealMemoFactory(position=opening.position)
    timecard = Timecard.objects.create(
        production=production,
        engagement=engagement,
        person=engagement.person,
        deal_memo=memo,
        week_start=engagement.start_date,
    )
    return {
        type(o): o
        for o in (camera, opening, candidate, engagement, day, memo, opening.position, timecard)
    } | {type(candidate.person): candidate.person, Department: camera}


SCOPED = [r for r in ROUTES if r.callback.production_scope is not None]


def test_the_matrix_has_department_scoped_routes_to_walk():
    assert len(SCOPED) >= 15


@pytest.mark.parametrize("route", SCOPED, ids=[r.name for r in SCOPED])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_head_of_another_department_gets_404_or_403(client, production, route, method):
    if route.name in SCOPED_WITHOUT_OBJECT:
        pytest.skip(SCOPED_WITHOUT_OBJECT[route.name])
    hook = route.callback.production_scope
    if hook in APP_WIDE_SCOPES:  # refuses the whole app to other heads: the sample URL will do
        client.force_login(member(production, Role.DEPARTMENT_HEAD, department="Sound"))
        response = getattr(client, method)(url_for(route, production.slug))
        assert response.status_code == 403, route.name
        return
    model = getattr(hook, "model", None)
    assert model is not None, f"{route.name}: its scope hook names no model to walk"
    world = _camera_world(production)
    url = reverse(route.name, kwargs={"production_slug": production.slug, "pk": world[model].pk})
    client.force_login(member(production, Role.DEPARTMENT_HEAD, department="Sound"))
    assert getattr(client, method)(url).status_code in {403, 404}, route.name


@pytest.mark.parametrize("route", SCOPED, ids=[r.name for r in SCOPED])
def test_the_head_of_the_department_reaches_its_objects(client, production, route):
    hook = route.callback.production_scope
    own_reaches = getattr(hook, "department_path", None) and route.name not in SCOPED_WITHOUT_OBJECT
    if not own_reaches or Role.DEPARTMENT_HEAD not in allowed(route, "get"):
        pytest.skip(f"{route.name}: not a department head's page")
    world = _camera_world(production)
    url = reverse(
        route.name, kwargs={"production_slug": production.slug, "pk": world[hook.model].pk}
    )
    client.force_login(member(production, Role.DEPARTMENT_HEAD, department="Camera"))
    # 404 only for a CV that was never uploaded; 405 for a POST-only action.
    assert client.get(url).status_code in {200, 302, 404, 405} - (
        set() if route.name == "crew:candidate_cv" else {404}
    ), route.name


# --- No access decided inside a view ------------------------------------------------------------

# Names that only a view deciding access itself would use.
REFUSALS = {"PermissionDenied", "HttpResponseForbidden", "check_department", "in_scope", "role_can"}
# Calls whose answer is about the member's access: fine as a value shown in a template, not as
# the condition of a branch that refuses the request (raises or returns early).
ACCESS_QUESTIONS = {"can", "own_department", "in_department"}


def _call_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return None


def _asks_access(node: ast.AST, tainted: set[str]) -> bool:
    """Whether this expression's value is an answer about access (a `.can(...)`, a role, or a
    name holding one), alone or combined with `and`/`or`/`not`/comparisons. An access answer
    passed into another call (a form's `show_rates=`) is not one."""
    if isinstance(node, ast.Call):
        return _call_name(node) in ACCESS_QUESTIONS
    if isinstance(node, ast.BoolOp):
        return any(_asks_access(value, tainted) for value in node.values)
    if isinstance(node, ast.UnaryOp):
        return _asks_access(node.operand, tainted)
    if isinstance(node, ast.Compare):
        return any(_asks_access(side, tainted) for side in (node.left, *node.comparators))
    if isinstance(node, ast.Name):
        return node.id in tainted
    return isinstance(node, ast.Attribute) and node.attr == "role"


def inline_access_checks(source: str) -> list[str]:
    """Where this view module decides access itself instead of in its @production_view line."""
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
        if name in REFUSALS:
            found.append(f"line {node.lineno}: {name}")
        elif isinstance(node, ast.Attribute) and node.attr == "role":
            found.append(f"line {node.lineno}: reads a role")
        elif isinstance(node, ast.alias) and node.name in REFUSALS | {"Role"}:
            found.append(f"line {node.lineno}: imports {node.name}")
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        tainted = {
            target.id
            for node in ast.walk(function)
            if isinstance(node, ast.Assign) and _asks_access(node.value, set())
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(function):
            if isinstance(node, ast.Assert) and _asks_access(node.test, tainted):
                found.append(f"line {node.lineno}: asserts access")
            if isinstance(node, ast.If | ast.While) and _asks_access(node.test, tainted):
                branches = [*node.body, *node.orelse]
                if any(
                    isinstance(inner, ast.Raise | ast.Return)
                    for branch in branches
                    for inner in ast.walk(branch)
                ):
                    found.append(f"line {node.lineno}: refuses or answers on an access check")
    return found


def view_modules() -> list[Path]:
    apps_dir = Path(settings.BASE_DIR) / "apps"
    return sorted(
        [
            *apps_dir.glob("*/views.py"),
            *apps_dir.glob("*/views/*.py"),
            *apps_dir.glob("*/*/views.py"),  # an app's sub-package's pages (daily_reports/hot)
        ]
    )


def test_there_are_view_modules_to_read():
    assert len(view_modules()) >= 10


@pytest.mark.parametrize("path", view_modules(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_view_decides_access_outside_its_declared_line(path):
    assert inline_access_checks(path.read_text()) == []


QUOTE_REQUESTS_BEFORE = """
def quote_requests(request):
    if request.method == "POST":
        if not request.membership.can(C.MANAGE_VENDORS):
            raise PermissionDenied
    return render(request)
"""


def test_the_reader_catches_a_second_capability_checked_on_post():
    assert inline_access_checks(QUOTE_REQUESTS_BEFORE) == [
        "line 5: PermissionDenied",
        "line 4: refuses or answers on an access check",
    ]


def test_the_reader_catches_a_check_through_a_variable_or_a_role():
    day_grid = """
def day_grid(request):
    can_hire = request.membership.can(C.HIRE_CREW)
    if request.method == "POST" and not can_hire:
        return HttpResponse(status=404)
    return render(request, {"can_hire": can_hire})
"""
    rates = """
def rates(request):
    if request.membership.role == "crew":
        raise Http404
"""
    assert inline_access_checks(day_grid) == ["line 4: refuses or answers on an access check"]
    assert inline_access_checks(rates) == [
        "line 3: reads a role",
        "line 3: refuses or answers on an access check",
    ]


def test_the_reader_lets_a_template_ask_what_to_show():
    openings = """
def openings(request):
    show_rates = request.membership.can(C.VIEW_CREW_RATES)
    context = {"show_rates": show_rates, "can_hire": request.membership.can(C.HIRE_CREW)}
    if request.membership.can(C.PUBLISH_CALLSHEETS):
        context["progress"] = []
    return render(request, context)
"""
    assert inline_access_checks(openings) == []
