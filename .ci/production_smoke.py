"""Smoke test of the production setup exactly as the README documents it.

PostgreSQL database, Redis broker, `gunicorn -c producer_desk/gunicorn_conf.py`, a Celery worker and
Celery beat as separate processes, static files collected and served by whitenoise, DEBUG off.
A person signs in over HTTP, opens the demo production, invites someone, and the worker delivers
the e-mail. Prints 'smoke: N passed, M failed' and exits non-zero on any failure.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
DB = os.environ.get("CI_SMOKE_DATABASE", "producer_desk_smoke")  # .ci/run may choose others

work = Path(tempfile.mkdtemp(prefix="pd-smoke-"))
ENV = {
    **os.environ,
    "DATABASE_URL": f"postgres://root@127.0.0.1:5432/{DB}",
    "CELERY_BROKER_URL": f"redis://127.0.0.1:6379/{os.environ.get('CI_SMOKE_REDIS_DB', '13')}",
    # The kept pages shared by both gunicorn workers, as the production setup documents.
    "FRAGMENT_CACHE_URL": "redis://127.0.0.1:6379/"
    + os.environ.get("CI_SMOKE_FRAGMENT_REDIS_DB", "12"),
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "PRODUCER_DESK_VAR_DIR": str(work / "var"),
    "STATIC_ROOT": str(work / "static"),
    "SITE_URL": BASE,
    "GUNICORN_BIND": f"127.0.0.1:{PORT}",
    "GUNICORN_WORKERS": "2",
}
ENV.pop("DJANGO_DEBUG", None)
results: list[tuple[str, bool, str]] = []
processes: list[subprocess.Popen] = []


def check(name: str, ok: bool, detail: str = "") -> None:
    results.append((name, ok, detail))
    print(f"  {'ok  ' if ok else 'FAIL'} {name}" + (f": {detail}" if detail and not ok else ""))


def manage(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env or ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )


def start(*command: str, log: str) -> subprocess.Popen:
    handle = (work / log).open("w")
    process = subprocess.Popen(command, cwd=ROOT, env=ENV, stdout=handle, stderr=subprocess.STDOUT)
    processes.append(process)
    return process


def main() -> int:
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "root", "--if-exists", DB], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "root", DB], check=True)
    # Tasks an earlier run left in the smoke test's queue would reach this run's worker.
    manage_purge = [PY, "-m", "celery", "-A", "producer_desk", "purge", "-f"]
    subprocess.run(manage_purge, cwd=ROOT, env=ENV, capture_output=True, check=True, timeout=60)

    deploy = manage("check", "--deploy", "--fail-level", "WARNING", env={**ENV, "HTTPS": "true"})
    check(
        "manage.py check --deploy is clean with HTTPS=true",
        deploy.returncode == 0,
        deploy.stdout + deploy.stderr,
    )
    steps = (
        ("migrate", "--no-input"),
        ("createcachetable",),
        ("collectstatic", "--no-input"),
        ("seed_demo",),
    )
    for step in steps:
        result = manage(*step)
        check(f"manage.py {step[0]}", result.returncode == 0, result.stderr[-2000:])
        if result.returncode:
            return 1

    start(
        PY,
        "-m",
        "gunicorn",
        "-c",
        "producer_desk/gunicorn_conf.py",
        "producer_desk.wsgi",
        log="gunicorn.log",
    )
    start(
        PY,
        "-m",
        "celery",
        "-A",
        "producer_desk",
        "worker",
        "-l",
        "INFO",
        "-c",
        "2",
        log="worker.log",
    )
    beat = start(
        PY,
        "-m",
        "celery",
        "-A",
        "producer_desk",
        "beat",
        "-l",
        "INFO",
        "-s",
        str(work / "var" / "celerybeat-schedule"),
        log="beat.log",
    )

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def get(path: str) -> tuple[int, str]:
        try:
            with opener.open(BASE + path, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def post(path: str, data: dict) -> tuple[int, str]:
        token = next(c.value for c in jar if c.name == "csrftoken")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(BASE + path, data=body, headers={"Referer": BASE + path})
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    deadline = time.monotonic() + 60
    status = 0
    while time.monotonic() < deadline:
        try:
            status, page = get("/accounts/login/")
            break
        except OSError:
            time.sleep(0.5)
    check("gunicorn serves the sign-in page", status == 200)
    css = re.search(r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]+\.css)"', page)
    check(
        "static files are hashed and served by whitenoise",
        bool(css) and get(css.group(1))[0] == 200,
        "no hashed stylesheet link",
    )

    status, page = post(
        "/accounts/login/", {"username": "ap@demo.producerdesk.test", "password": "demo-desk-2026"}
    )
    check("the demo AP signs in", status == 200 and "My productions" in page)
    status, page = get("/p/night-ferry/")
    check("the demo production's dashboard opens", status == 200 and "Night Ferry" in page)
    status, _ = get("/p/not-mine/")
    check("an unknown production is a 404", status == 404)

    # Kept pages (apps/core/freshness.py) in every gunicorn worker's memory: after a write in one
    # worker, no worker serves the page as it was.
    status, page = get("/p/night-ferry/budget/")
    version = re.search(r"/p/night-ferry/budget/versions/(\d+)/", page)
    status, page = post(
        f"/p/night-ferry/budget/versions/{version.group(1) if version else 0}/copy/",
        {"name": "Smoke copy"},
    )
    copy = re.search(r"/p/night-ferry/budget/versions/(\d+)/markups/save/", page)
    top = f"/p/night-ferry/budget/versions/{copy.group(1) if copy else 0}/"
    warmed = [get(top) for _ in range(12)]
    status, _ = post(
        top + "markups/save/", {"name": "Smoke fee", "percent": "1", "sections": "ATL"}
    )
    after = [get(top) for _ in range(12)]
    check(
        "a write in one gunicorn worker shows in every worker's kept page",
        all(s == 200 and "Smoke fee" not in p for s, p in warmed)
        and all(s == 200 and "Smoke fee" in p for s, p in after),
        f"markup save answered {status}",
    )

    get("/p/night-ferry/members/")
    mail_dir = work / "var" / "mail"

    def mail_files() -> set[Path]:
        return set(mail_dir.glob("*.log")) if mail_dir.exists() else set()

    # The demo's own e-mails (call sheets, deal memos, purchase orders) went out while seeding.
    before = mail_files()
    status, page = post(
        "/p/night-ferry/members/",
        {"email": "gaffer@example.test", "role": "crew", "department": ""},
    )
    check("an invitation is queued", status == 200 and "is on its way" in page)
    deadline = time.monotonic() + 60
    delivered = False
    link = None
    while time.monotonic() < deadline and not delivered:
        for path in mail_files() - before:
            text = path.read_text()
            delivered = delivered or ("To: gaffer@example.test" in text and "/invitations/" in text)
            found = re.search(r"/invitations/([\w-]+)/", text) if delivered else None
            link = link or found
        time.sleep(0.5)
    check(
        "the Celery worker delivered the invitation e-mail",
        delivered,
        (work / "worker.log").read_text()[-2000:],
    )
    if link:
        status, _ = get(link.group(0))
        time.sleep(1)  # gunicorn writes its access line after the response
        logs = "".join((work / name).read_text() for name in ("gunicorn.log", "worker.log"))
        check(
            "the invitation link opens and its token is in no log",
            status < 400 and link.group(1) not in logs and "/invitations/[redacted]/" in logs,
            f"status {status}",
        )
    else:
        check("the invitation e-mail carries a link", False)
    time.sleep(2)
    check("celery beat is running", beat.poll() is None, (work / "beat.log").read_text()[-2000:])
    return 0


if __name__ == "__main__":
    try:
        code = main()
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    failed = sum(1 for _, ok, _ in results if not ok)
    print(f"smoke: {len(results) - failed} passed, {failed} failed")
    if failed or code:
        print(f"logs kept in {work}", file=sys.stderr)
        sys.exit(1)
