"""Shared fixtures: the three personas, in-process Celery, a real worker, and Debian's Chromium."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from xdist.scheduler import LoadScopeScheduling

from tests.processes import start_worker, xdist_worker

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_configure(config) -> None:
    from django.conf import settings

    # Tests run with DEBUG off; serve static files from the source folders, not a manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STATIC_ROOT = None  # nothing is collected in tests; whitenoise would warn
    settings.WHITENOISE_USE_FINDERS = True
    # Full-strength hashing makes each test user cost ~0.3 s; the hasher is not under test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- Parallel runs (pytest-xdist; `python3 dev.py test` adds `-n auto`) -------------------------

# Modules whose tests share an expensive module-scoped fixture: under xdist all of such a module
# runs on one worker, so the fixture is built once, not once per worker that gets one of its tests.
# (xdist's `--dist loadgroup` and an `xdist_group` mark would say the same, but with pytest 9.2 it
# silently stops grouping: pytest-dev/pytest-xdist#1386.)
ONE_WORKER_MODULES = {
    "tests/test_query_budget.py",  # the large demo: 70 s (SQLite) to 150 s (PostgreSQL) to build
    "tests/security/test_hostile_input.py",  # the small demo seeded and crawled once for two tests
}


# The tests of old data migrations migrate the whole project back to an old node and forward
# again: minutes each, most of it Django rendering the migration state. Alone they came last and
# ended each suite on one worker while the other sat idle; as one unit of five they are among the
# biggest units (with the few other tests of their modules), so they go out first and run
# beside the rest.
OLD_MIGRATION_TESTS = "the tests of old data migrations"
OLD_MIGRATION_MODULES = {
    "tests/core/test_money_migration.py",
    "tests/core/test_outbox_migrations.py",
    "tests/productions/test_department_migration.py",
    "tests/schedules/test_headings.py",
    "tests/callsheets/test_legacy_revisions.py",
}


def xdist_scope(nodeid: str) -> str:
    """The unit of work a test belongs to: its module if listed above, the old migrations' unit
    for theirs, otherwise itself."""
    module = nodeid.split("::", 1)[0]
    if module in OLD_MIGRATION_MODULES:
        return OLD_MIGRATION_TESTS
    return module if module in ONE_WORKER_MODULES else nodeid


class OneWorkerModules(LoadScopeScheduling):
    """xdist's `load` (each test to whichever worker is free) except for ONE_WORKER_MODULES, each
    sent whole to one worker; being the biggest units they go out first (`--loadscope-reorder`),
    so the longest piece of work starts at once instead of ending the run alone."""

    def _split_scope(self, nodeid: str) -> str:
        return xdist_scope(nodeid)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`-n` with the default distribution; a `--dist` of one's own is left to xdist."""
    if config.getoption("dist") != "load":
        return None
    return OneWorkerModules(config, log)


def pytest_collection_modifyitems(config, items) -> None:
    _drills_only_when_asked(config, items)
    if Path(CHROMIUM).exists():
        return
    browser_items = [item for item in items if "browser" in item.keywords]
    if not browser_items:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(
            f"Browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium); "
            "in CI they may not be skipped."
        )
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}: apt-get install chromium")
    for item in browser_items:
        item.add_marker(skip)


def _drills_only_when_asked(config, items) -> None:
    """Failure drills kill and restart servers: they run in their own CI step (`-m drill`), not in
    the everyday suite. Asked for, they must run: in CI a missing prerequisite is an error."""
    drills = [item for item in items if "drill" in item.keywords]
    if not drills:
        return
    asked = config.option.markexpr or ""
    if "drill" not in asked or "not drill" in asked:
        items[:] = [item for item in items if "drill" not in item.keywords]
        config.hook.pytest_deselected(items=drills)
        return
    from tests.drills.prerequisites import missing

    lacking = missing()
    if not lacking:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError("the failure drills cannot run in CI: " + "; ".join(lacking))
    skip = pytest.mark.skip(reason="failure drill needs: " + "; ".join(lacking))
    for item in drills:
        item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _patient_assertions():
    """Playwright's `expect` waits 5 s by default; a loaded 2-core CI machine can take longer to
    render a page. A wrong page still fails, after 15 s instead of 5."""
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)


# Pages report each Content Security Policy violation to the console, so a browser test fails on a
# script, style or image the policy blocks (the user would see a broken page, not an error).
_CSP_WATCH = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


@pytest.fixture(autouse=True)
def _fail_on_csp_violations(request):
    """Every browser context a browser test opens (the `page` fixture's or its own) is watched."""
    if "browser" not in request.keywords:
        yield
        return
    browser = request.getfixturevalue("browser")
    violations: list[str] = []

    def watch(context):
        context.add_init_script(_CSP_WATCH)
        context.on(
            "console",
            lambda message: (
                violations.append(message.text)
                if "CSP violation" in message.text or "Content Security Policy" in message.text
                else None
            ),
        )
        return context

    original_new_context, original_new_page = browser.new_context, browser.new_page

    def new_context(*args, **kwargs):
        return watch(original_new_context(*args, **kwargs))

    def new_page(*args, **kwargs):
        page = original_new_page(*args, **kwargs)
        watch(page.context)
        return page

    browser.new_context, browser.new_page = new_context, new_page
    try:
        yield
    finally:
        browser.new_context, browser.new_page = original_new_context, original_new_page
    assert not violations, "Content Security Policy violations:\n" + "\n".join(violations)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _no_writes_left_from_the_test_before():
    """A test's writes roll back with it; the note that its connection wrote, which the next
    request would settle by moving data stamps (apps/core/freshness.py), must go with them."""
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        conn.pd_wrote = False


@pytest.fixture(autouse=True)
def _no_kept_fragments_beside_a_live_server(request, settings):
    """A browser test writes with factories in its own thread, on its own database connection,
    between page loads: a write no request, task or command of the app's ends, so no data stamp
    moves for it (apps/core/freshness.py). Only tests do that; their live server renders afresh.
    (tests/core/test_freshness.py proves the kept pages; the smoke test, with gunicorn.)"""
    if "live_server" in request.fixturenames:
        settings.FRAGMENT_CACHE = False


@contextmanager
def tasks_in_process(eager: bool = True):
    """Inside the block Celery tasks run in-process (`eager`) or go to the broker (not); after
    it, as before."""
    from producer_desk.celery import app

    previous, app.conf.task_always_eager = app.conf.task_always_eager, eager
    try:
        yield
    finally:
        app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _celery_in_process(request):
    """Ordinary tests run tasks in-process; tests marked `worker` use the real worker."""
    if "worker" in request.keywords:
        yield
        return
    with tasks_in_process():
        yield


# --- Personas -----------------------------------------------------------------------------------


@pytest.fixture
def production(db):
    from tests.factories import ProductionFactory

    return ProductionFactory()


@pytest.fixture
def ap(production):
    from tests.factories import member

    return member(production)


@pytest.fixture
def producer(production):
    from apps.productions.capabilities import Role
    from tests.factories import member

    return member(production, Role.PRODUCER)


@pytest.fixture
def outsider(db):
    """Signed in, and a member of some other production only."""
    from tests.factories import MembershipFactory

    return MembershipFactory().user


@pytest.fixture
def ap_client(client, ap):
    client.force_login(ap)
    return client


# --- A real Celery worker (production setup only) -----------------------------------------------


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path):
    """Starts `celery worker` as its own process on the test database and a private queue. Under
    pytest-xdist the test database is this xdist worker's own (test_<name>_gw0, ...: see
    tests/processes.py) and the queue and worker names carry its id, so workers started by
    parallel tests never take each other's tasks on the shared broker."""
    from django.conf import settings
    from django.db import connection

    from producer_desk.celery import app

    if settings.CELERY_TASK_ALWAYS_EAGER or connection.vendor != "postgresql":
        pytest.skip("needs the production setup: PostgreSQL and CELERY_BROKER_URL (.ci/run)")
    queue = f"test-{xdist_worker()}-{uuid.uuid4().hex[:8]}"
    previous_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    worker = None
    try:
        worker = start_worker(tmp_path, queue=queue)
        yield worker
    finally:
        app.conf.task_default_queue = previous_queue
        if worker:
            worker.stop()
