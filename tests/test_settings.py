"""The settings module reads the environment and fails loudly on bad values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 20 + "production-secret-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "desk.example.org",
    "HTTPS": "true",
    "DJANGO_DEBUG": "false",
}


def manage(*args, env: dict, tmp_path: Path) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECRET"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**clean, "PRODUCER_DESK_VAR_DIR": str(tmp_path), **env},
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_production_variables(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_malformed_boolean_stops_start_up_with_its_name(tmp_path):
    result = manage("check", env={"DJANGO_DEBUG": "perhaps"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "DJANGO_DEBUG='perhaps' is not a boolean" in result.stderr


def test_a_short_secret_key_is_refused(tmp_path):
    result = manage("check", env={"SECRET_KEY": "short"}, tmp_path=tmp_path)
    assert "SECRET_KEY must be at least 50 characters" in result.stderr


def test_without_a_secret_key_one_is_generated_and_kept(tmp_path):
    manage("check", env={}, tmp_path=tmp_path)
    key = (tmp_path / "secret_key").read_text()
    manage("check", env={}, tmp_path=tmp_path)
    assert (tmp_path / "secret_key").read_text() == key and len(key) >= 50


def test_the_embedded_defaults_need_no_service(tmp_path):
    clean = dict.fromkeys(("DATABASE_URL", "CELERY_BROKER_URL", "EMAIL_HOST"), "")
    script = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND, "
        "s.EMAIL_FILE_PATH, s.DEBUG)"
    )
    result = manage("shell", "--no-imports", "-c", script, env=clean, tmp_path=tmp_path)
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.mail.backends.filebased.EmailBackend",
        str(tmp_path / "mail"),
        "False",
    ], result.stderr


def test_the_production_variables_switch_to_postgresql_redis_and_smtp(tmp_path):
    env = {
        "DATABASE_URL": "postgres://desk@db.internal:5432/desk",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "EMAIL_HOST": "smtp.example.org",
    }
    script = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND)"
    )
    result = manage("shell", "--no-imports", "-c", script, env=env, tmp_path=tmp_path)
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "False",
        "django.core.mail.backends.smtp.EmailBackend",
    ], result.stderr
