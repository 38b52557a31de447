"""Real processes for the tests that need them: a Celery worker on the test database, and the
throwaway Redis the failure drills stop and start (the shared one on 6379 is never touched)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout: float, what: str, interval: float = 0.1):
    """Poll `condition()` until it is truthy; fail saying `what` did not happen."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} within {timeout:.0f} s")
        time.sleep(interval)


@dataclass
class Worker:
    process: subprocess.Popen
    var_dir: Path
    name: str
    log_path: Path

    @property
    def mail_dir(self) -> Path:
        return self.var_dir / "mail"

    def kill(self) -> None:
        """SIGKILL the worker and its pool children at once, as the OOM killer or a power cut
        would: nothing runs its shutdown code, no task is acknowledged."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=20)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def xdist_worker() -> str:
    """This pytest-xdist worker's id (gw0, gw1, ...), or "main" without xdist."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def test_database_url() -> str:
    """DATABASE_URL naming the test database pytest-django created: test_<name>, or under
    pytest-xdist this worker's own test_<name>_gw0, test_<name>_gw1, ..."""
    from django.db import connection

    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


def start_worker(
    tmp_path: Path,
    *,
    queue: str,
    env: dict | None = None,
    concurrency: int = 2,
    label: str = "worker",
) -> Worker:
    """`celery worker` as its own process (and process group) on the test database, consuming
    `queue` only; returns once it answers a ping."""
    from producer_desk.celery import app

    name = f"{queue}-{label}@localhost"
    var_dir = tmp_path / f"{label}-var"
    full_env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "PRODUCER_DESK_VAR_DIR": str(var_dir),
        "CELERY_QUEUE": queue,
        "DATABASE_CONN_MAX_AGE": "0",
        **(env or {}),
    }
    if "EMAIL_HOST" not in (env or {}):
        full_env.pop("EMAIL_HOST", None)
    log_path = tmp_path / f"{label}.log"
    command = [sys.executable, "-m", "celery", "-A", "producer_desk", "worker", "-Q", queue,
               "-n", name, "-c", str(concurrency), "--without-gossip", "--without-mingle",
               "-l", "INFO"]  # fmt: skip
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, env=full_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    worker = Worker(process, var_dir, name, log_path)
    try:
        wait_for(
            lambda: process.poll() is not None or app.control.ping(destination=[name], timeout=1),
            60,
            "the worker answered a ping",
        )
        if process.poll() is not None:
            raise RuntimeError("the worker did not start:\n" + log_path.read_text())
    except BaseException:
        worker.stop()
        raise
    return worker


class ThrowawayRedis:
    """`redis-server` on a free loopback port, no persistence: stop() and start() again is a
    Redis outage (and, like a real one without persistence, loses whatever was queued)."""

    def __init__(self, tmp_path: Path) -> None:
        self.port = free_port()
        self.dir = tmp_path
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        command = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                   "--appendonly", "no", "--daemonize", "no", "--dir", str(self.dir)]  # fmt: skip
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_for(self._answers, 10, f"redis-server answered on port {self.port}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False
