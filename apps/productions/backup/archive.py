"""Write one production to one .zip archive.

manifest.json   format and version, the installation's version and migrations, counts,
                and a SHA-256 for every other member
records.json    {"users": [...], "content_types": {...}, "models": {label: [rows]}}
files/<name>    every uploaded file a record (live or historical) names, under its own name
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from apps.core.errors import DomainError
from apps.productions.backup.discovery import CLEARED_FIELDS, production_parts
from apps.productions.backup.records import (
    CONTENT_TYPE,
    USER,
    encode_row,
    file_fields,
    row_refs,
)
from apps.productions.models import Production

FORMAT = "producer-desk-production"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
RECORDS = "records.json"
FILES = "files/"


class BackupError(DomainError):
    """A production cannot be written or read back as asked; the message says why."""


def app_version() -> str:
    import tomllib

    pyproject = Path(__file__).resolve().parents[3] / "pyproject.toml"
    try:
        return tomllib.loads(pyproject.read_text())["project"]["version"]
    except (OSError, KeyError, ValueError):
        return "unknown"


def applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def export_production(production: Production, path: str | Path) -> dict:
    """Write `production` to the zip at `path` and return its manifest.

    Read in one transaction; on PostgreSQL a REPEATABLE READ one, so rows written by others
    while it reads cannot leave a key pointing at a row the archive lacks."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        records, files = _collect(production)
    body = json.dumps(records, sort_keys=True, separators=(",", ":")).encode()
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version(),
        "created_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "migrations": applied_migrations(),
        "production": {"slug": production.slug, "title": production.title},
        "counts": {name: len(rows) for name, rows in records["models"].items()},
        "users": len(records["users"]),
        "files": {},
        "missing_files": [],
        "checksums": {RECORDS: sha256(body)},
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(RECORDS, body)
        for name in sorted(files):
            storage = files[name]
            if not storage.exists(name):
                manifest["missing_files"].append(name)
                continue
            with storage.open(name, "rb") as handle:
                content = handle.read()
            member = FILES + name
            archive.writestr(member, content)
            manifest["files"][name] = member
            manifest["checksums"][member] = sha256(content)
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def _collect(production: Production) -> tuple[dict, dict]:
    parts = production_parts()
    models: dict[str, list[dict]] = {}
    for part in parts:
        rows = [encode_row(obj) for obj in part.rows(production).iterator()]
        for name in CLEARED_FIELDS.get(part.label, ()):
            for row in rows:
                row["fields"][name] = ""
        models[part.label] = rows

    content_types = {str(ct.pk): f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    exported = {label: {row["pk"] for row in rows} for label, rows in models.items()}
    user_ids: set = set()
    used_types: set = set()
    files: dict = {}
    for part in parts:
        names = file_fields(part)
        storage = _storage_of(part)
        for row in models[part.label]:
            for ref in row_refs(part, row["fields"], content_types):
                if ref.target == USER:
                    user_ids.add(ref.value)
                elif ref.target == CONTENT_TYPE:
                    used_types.add(str(ref.value))
                elif ref.strict and ref.value not in exported.get(ref.target, ()):
                    raise BackupError(
                        f"{part.label} #{row['pk']} points at {ref.target} #{ref.value}, which "
                        f"is not part of {production.slug}: the archive would be incomplete."
                    )
            for name in names:
                if row["fields"].get(name):
                    files[row["fields"][name]] = storage
    users = get_user_model()._base_manager.filter(pk__in=user_ids).order_by("pk")
    records = {
        "users": [{"id": u.pk, "email": u.email, "full_name": u.full_name} for u in users],
        "content_types": {pk: content_types[pk] for pk in sorted(used_types)},
        "models": models,
    }
    return records, files


def _storage_of(part):
    base = part.history_of or part.model
    for f in base._meta.concrete_fields:
        if hasattr(f, "storage"):
            return f.storage
    return default_storage
