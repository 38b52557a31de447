"""Drill: PostgreSQL restarts under a running app server, and the app serves again by itself.

A private PostgreSQL cluster of the test's own (the shared one on 5432 is never touched), the
app under gunicorn with one worker keeping its connection between requests (CONN_MAX_AGE), a
person signed in over HTTP. PostgreSQL is restarted: the very next request works, because
CONN_HEALTH_CHECKS replaces the dead connection before using it. Then PostgreSQL is stopped: a
request fails (500; nothing can serve without the database) without hanging, and the first
request after it is back works.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.drills.prerequisites import initdb
from tests.processes import free_port, wait_for

# django_db: pytest-django makes the (migrated) test database, which the drill copies.
pytestmark = [pytest.mark.drill, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
EMAIL, PASSWORD = "drill@example.test", "restart-drill-2026"
DB = "producer_desk_drill"


class PrivatePostgres:
    """A cluster in a temporary directory owned by postgres, on a free loopback port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.bin = Path(initdb()).parent
        self.root = Path(tempfile.mkdtemp(prefix="pd-drill-pg-"))
        shutil.chown(self.root, "postgres", "postgres")
        self.data = self.root / "data"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{DB}"

    def _as_postgres(self, *command: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *command],
            check=True,
            capture_output=True,
            timeout=120,
            cwd=self.root,
        )

    def pg_ctl(self, action: str) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"),
            "-w", "-t", "60", "-m", "fast", "-o", options, action,
        )  # fmt: skip

    def create(self) -> None:
        self._as_postgres(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust",
                          "-U", "postgres", "-E", "UTF8", "--no-sync")  # fmt: skip
        self.pg_ctl("start")
        self._as_postgres(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                          "-U", "postgres", DB)  # fmt: skip

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.pg_ctl("stop")
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def postgres():
    cluster = PrivatePostgres()
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.destroy()


def _copy_test_database(postgres: PrivatePostgres) -> None:
    """The migrated schema, copied from the test database pytest-django made by migrating: the
    same tables in seconds, where migrating again takes most of a minute on a busy CI machine."""
    from django.db import connection

    source = connection.settings_dict
    dump = subprocess.run(
        [str(postgres.bin / "pg_dump"), "--no-owner", "--no-privileges",
         "-h", source["HOST"] or "127.0.0.1", "-p", str(source["PORT"] or 5432),
         "-U", source["USER"], source["NAME"]],
        check=True, capture_output=True, timeout=120,
        env={**os.environ, "PGPASSWORD": source["PASSWORD"] or ""},
    )  # fmt: skip
    subprocess.run(
        [str(postgres.bin / "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
         "-p", str(postgres.port), "-U", "postgres", "-d", DB],
        input=dump.stdout, check=True, capture_output=True, timeout=120,
    )  # fmt: skip


@pytest.fixture
def app_server(db, postgres, tmp_path):
    """The app on `postgres` under gunicorn, one worker, DEBUG off; a person to sign in as."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": postgres.url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "PRODUCER_DESK_VAR_DIR": str(tmp_path / "var"),
        "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_TIMEOUT": "30",
    }
    for name in ("DJANGO_DEBUG", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        env.pop(name, None)
    manage = [sys.executable, "manage.py"]
    _copy_test_database(postgres)
    make_user = (
        f"from apps.accounts.models import User; User.objects.create_user({EMAIL!r}, {PASSWORD!r})"  # noqa: E501
    )
    subprocess.run([*manage, "shell", "-c", make_user], cwd=ROOT, env=env, check=True, timeout=120)
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "producer_desk/gunicorn_conf.py",
         "producer_desk.wsgi"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: server.poll() is not None or Browser(base).status("/accounts/login/"),
                 60, "gunicorn answered")  # fmt: skip
        assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


class Browser:
    """Just enough of a browser: cookies, the CSRF token, status codes instead of exceptions."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def status(self, path: str, data: dict | None = None) -> int:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310 (http only)
        try:
            with self.opener.open(request, timeout=30) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return 0

    def sign_in(self) -> None:
        assert self.status("/accounts/login/") == 200
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        form = {"username": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": token}
        assert self.status("/accounts/login/", form) == 200  # followed to the production list
        assert any(c.name == "sessionid" for c in self.jar)


# The production list: the session, the user and their memberships, all read from the database.
PAGE = "/productions/"


def timed(browser: Browser) -> tuple[int, float]:
    started = time.monotonic()
    return browser.status(PAGE), time.monotonic() - started


def test_the_app_serves_again_after_postgresql_restarts_without_being_restarted(
    postgres, app_server
):
    browser = Browser(app_server)
    browser.sign_in()
    assert [browser.status(PAGE) for _ in range(3)] == [200] * 3

    postgres.pg_ctl("restart")  # every open connection, the app's included, is cut
    assert [browser.status(PAGE) for _ in range(5)] == [200] * 5  # not one failed request

    postgres.pg_ctl("stop")
    status, seconds = timed(browser)
    assert status == 500 and seconds < 10  # an error page, at once: no hang, no dead worker
    postgres.pg_ctl("start")
    status, seconds = timed(browser)
    assert status == 200, "the first request with PostgreSQL back failed"
    assert [browser.status(PAGE) for _ in range(3)] == [200] * 3
