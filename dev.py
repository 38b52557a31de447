#!/usr/bin/env python3
"""The two commands. Needs only Python 3.11 on the machine.

    python3 dev.py          set up and serve http://127.0.0.1:8000 with the demo production
    python3 dev.py test     run the test suite (extra arguments go to pytest), in parallel:
                            one pytest-xdist worker per core; `-n 0` runs it in one process

Both create `.venv/` and install the pinned requirements the first time (and again when a
requirements file changes). The embedded setup needs no service: SQLite under var/, Celery tasks run
in-process, e-mail written to files under var/mail/.
"""

from __future__ import annotations

import hashlib
import os
import subprocess  # our own venv python and pip  # nosec B404
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def say(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m", flush=True)


def ensure_venv(requirements: str) -> None:
    if sys.version_info[:2] != (3, 11):
        say(f"warning: Producer Desk is built for Python 3.11; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        say("Creating the virtual environment in .venv/")
        venv.create(VENV, with_pip=True)
    files = [ROOT / "requirements.txt", ROOT / requirements]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".installed-{requirements}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    say(f"Installing {requirements} (first run only)")
    run(
        [
            str(PYTHON),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "-q",
            "-r",
            str(ROOT / requirements),
        ]
    )
    stamp.write_text(digest)


def run(command: list[str], env: dict | None = None) -> None:
    result = subprocess.run(command, cwd=ROOT, env=env)  # fixed argv, no shell  # nosec B603
    if result.returncode != 0:
        sys.exit(result.returncode)


def serve(args: list[str]) -> None:
    ensure_venv("requirements.txt")
    address = args[0] if args else "127.0.0.1:8000"
    env = {
        **os.environ,
        "DJANGO_DEBUG": os.environ.get("DJANGO_DEBUG", "true"),
        # Links in the e-mails written to var/mail/ point at the server this command starts.
        "SITE_URL": os.environ.get("SITE_URL", f"http://{address}"),
    }
    manage = [str(PYTHON), "manage.py"]
    say("Migrating the database")
    run([*manage, "migrate", "--no-input", "-v", "0"], env)
    run([*manage, "createcachetable"], env)  # the rate limits' counters (settings.CACHES)
    say("Seeding the demo production")
    run([*manage, "seed_demo"], env)
    say(f"Serving http://{address}/  (sign in as ap@demo.producerdesk.test; Ctrl+C stops)")
    runserver = [str(PYTHON), "manage.py", "runserver", address]
    os.execve(str(PYTHON), runserver, env)  # exec the venv python  # nosec


def parallel(args: list[str]) -> list[str]:
    """`-n auto` (one pytest-xdist worker per core, each on a test database of its own; see
    tests/conftest.py) unless the arguments choose: `-n 0` runs in one process, `-n 4` four."""
    for arg in args:
        if arg in ("-n", "--numprocesses") or arg.startswith(("-n", "--numprocesses=")):
            return args
        if arg.endswith("no:xdist"):
            return args
    return ["-n", "auto", *args]


def test(args: list[str]) -> None:
    ensure_venv("requirements-dev.txt")
    env = {**os.environ, "DJANGO_ALLOW_ASYNC_UNSAFE": "true"}
    command = [str(PYTHON), "-m", "pytest", *parallel(args)]
    os.execve(str(PYTHON), command, env)  # exec the venv python  # nosec


def main() -> None:
    command, *rest = sys.argv[1:] or ["serve"]
    if command == "serve":
        serve(rest)
    elif command == "test":
        test(rest)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
