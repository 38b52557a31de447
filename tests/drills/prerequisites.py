"""What the failure drills need from the machine; `missing()` lists what is absent."""

from __future__ import annotations

import glob
import os
import pwd
import shutil


def initdb() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return found[-1] if found else None


def missing() -> list[str]:
    lacking = []
    if os.geteuid() != 0:
        lacking.append("root (to run PostgreSQL as the postgres user)")
    if not shutil.which("redis-server"):
        lacking.append("redis-server (apt-get install redis-server)")
    if not initdb():
        lacking.append("PostgreSQL's initdb (apt-get install postgresql)")
    if not shutil.which("runuser"):
        lacking.append("runuser")
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        lacking.append("the postgres user")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        lacking.append("DATABASE_URL on PostgreSQL (the worker shares the test database)")
    return lacking
