"""Read a production archive back into this installation, all or nothing.

The target may hold other productions and users, so no id from the archive is trusted to be free.
Every row gets a new id reserved from its table's own sequence before anything is written, and
every reference (foreign keys, M2M through rows, generic keys, the soft references listed in
discovery.py, and the ids in historical rows, including those of rows deleted long ago) is
rewritten through that one mapping.

A restore trusts nothing it did not bring. Files are linked only when the archive holds them (a
name it does not hold is left blank, never pointed at a file already in this installation's
storage). People are matched to accounts here by e-mail only when asked (`map_users`,
`--map-users`): otherwise no account here becomes a member or an actor in the restored history;
each membership comes back as a pending invitation to its e-mail address (nothing is sent until
someone sends it from the members page), history keeps what was done but not by whom, and
reminders addressed to people are left out.
"""

from __future__ import annotations

import contextlib
import json
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_slug
from django.db import DatabaseError, IntegrityError, connection, models, transaction

from apps.productions.backup import people
from apps.productions.backup.archive import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    RECORDS,
    BackupError,
    applied_migrations,
    sha256,
)
from apps.productions.backup.discovery import Part, production_parts
from apps.productions.backup.records import (
    CONTENT_TYPE,
    USER,
    data_fields,
    decode_value,
    file_fields,
    row_refs,
)
from apps.productions.backup.upgrade import upgrade
from apps.productions.models import Invitation, Production
from apps.productions.signals import production_restored

NOT_AN_ARCHIVE = "{path} is not a Producer Desk production archive"
DAMAGED = "{path} is damaged: {detail}"
NEWER_FORMAT = (
    "{path} was written in archive format {found}; this installation reads up to format "
    "{supported}. Upgrade Producer Desk first."
)
NEWER_SCHEMA = (
    "{path} was written by a newer Producer Desk (migrations this installation lacks: {missing}). "
    "Upgrade Producer Desk first."
)
SLUG_TAKEN = (
    "A production with the address '{slug}' already exists here; choose another with --slug."
)


@dataclass
class Archive:
    path: str
    zip: zipfile.ZipFile
    manifest: dict
    records: dict

    def file(self, name: str) -> bytes:
        return self.zip.read(self.manifest["files"][name])


def read_archive(path: str | Path) -> Archive:
    """Open and verify an archive completely before anything is written."""
    path = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupError(NOT_AN_ARCHIVE.format(path=path) + f" ({error}).") from error
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError, zipfile.BadZipFile) as error:
        raise BackupError(NOT_AN_ARCHIVE.format(path=path) + ": no readable manifest.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(NOT_AN_ARCHIVE.format(path=path) + ".")
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise BackupError(DAMAGED.format(path=path, detail="the format version is missing"))
    if version > FORMAT_VERSION:
        raise BackupError(NEWER_FORMAT.format(path=path, found=version, supported=FORMAT_VERSION))
    _verify_checksums(archive, manifest, path)
    here = {tuple(m) for m in applied_migrations()}
    theirs = {tuple(m) for m in manifest.get("migrations", [])}
    missing = sorted(f"{app}.{name}" for app, name in theirs - here)
    if missing:
        raise BackupError(NEWER_SCHEMA.format(path=path, missing=", ".join(missing[:5])))
    try:
        records = json.loads(archive.read(RECORDS))
        counts = {name: len(rows) for name, rows in records["models"].items()}
    except (KeyError, ValueError, TypeError, AttributeError) as error:
        raise BackupError(DAMAGED.format(path=path, detail="unreadable records")) from error
    if counts != manifest.get("counts"):
        raise BackupError(DAMAGED.format(path=path, detail="record counts differ from manifest"))
    return Archive(path, archive, manifest, records)


def _verify_checksums(archive: zipfile.ZipFile, manifest: dict, path: str) -> None:
    checksums = manifest.get("checksums")
    if not isinstance(checksums, dict) or RECORDS not in checksums:
        raise BackupError(DAMAGED.format(path=path, detail="no checksums"))
    members = set(checksums)
    if not set(manifest.get("files", {}).values()) <= members:
        raise BackupError(DAMAGED.format(path=path, detail="a file has no checksum"))
    for member in sorted(members):
        try:
            content = archive.read(member)
        except (KeyError, zipfile.BadZipFile, OSError) as error:
            raise BackupError(DAMAGED.format(path=path, detail=f"{member}: {error}")) from error
        if sha256(content) != checksums[member]:
            raise BackupError(DAMAGED.format(path=path, detail=f"checksum mismatch on {member}"))


def import_production(
    path: str | Path, *, slug: str | None = None, map_users: bool = False
) -> Production:
    """Restore the archive as a new production; nothing is left behind if any step fails.
    `map_users`: match the archive's people to accounts here by e-mail (creating the missing
    ones without a usable password); otherwise members come back as pending invitations."""
    archive = read_archive(path)
    old_slug = archive.manifest["production"]["slug"]
    slug = slug or old_slug
    try:
        validate_slug(slug)
    except ValidationError as error:
        raise BackupError(f"'{slug}' cannot be a production's address.") from error
    if Production.objects.filter(slug=slug).exists():
        raise BackupError(SLUG_TAKEN.format(slug=slug))
    saved: list[tuple[object, str]] = []
    try:
        with transaction.atomic():
            return _Restore(archive, old_slug, slug, saved, map_users=map_users).run()
    except DatabaseError as error:  # e.g. a row this installation's constraints refuse
        _remove(saved)
        raise BackupError(
            f"Nothing was restored: the database refused a record ({error})."
        ) from error
    except BaseException:
        _remove(saved)
        raise
    finally:
        archive.zip.close()


def _remove(saved: list) -> None:
    for storage, name in saved:
        with contextlib.suppress(OSError):
            storage.delete(name)


class _Restore:
    def __init__(
        self, archive: Archive, old_slug: str, slug: str, saved: list, *, map_users: bool
    ) -> None:
        self.archive = archive
        self.map_users = map_users
        self.old_slug, self.slug = old_slug, slug
        self.saved = saved
        self.parts = {part.label: part for part in production_parts()}
        upgrade(archive.records)
        self.models: dict[str, list[dict]] = archive.records["models"]
        self.content_types: dict[str, str] = archive.records.get("content_types", {})
        self.files: dict[str, str] = {}  # old name -> new name

    def run(self) -> Production:
        self._check_models()
        users = self._users()
        types = self._content_types()
        ids = self._new_ids()
        for label, rows in self.models.items():
            part = self.parts[label]
            for row in rows:
                row["pk"] = ids[label][row["pk"]]
                for ref in row_refs(part, row["fields"], self.content_types):
                    if ref.target == USER:
                        ref.set(users.get(ref.value))
                    elif ref.target == CONTENT_TYPE:
                        ref.set(types[str(ref.value)])
                    else:
                        ref.set(ids[ref.target][ref.value])
            if part.model is Production or part.history_of is Production:
                for row in rows:
                    if part.history_of is None or row["fields"]["slug"] == self.old_slug:
                        row["fields"]["slug"] = self.slug
        invitations = (
            []
            if self.map_users
            else people.take_out_unmapped(self.models, self.parts, self.member_emails)
        )
        # Live rows first: a file's new name comes from its live row's upload_to.
        for label in sorted(self.models, key=lambda name: self.parts[name].history_of is not None):
            self._insert(self.parts[label], self.models[label])
        if invitations:
            Invitation.objects.bulk_create(invitations)
        tables = [self.parts[label].model._meta.db_table for label in self.models]
        try:
            connection.check_constraints(table_names=tables)
        except IntegrityError as error:
            raise BackupError(f"The archive's records do not fit together: {error}") from error
        production = Production.objects.get(slug=self.slug)
        production_restored.send(sender=type(self), production=production)
        return production

    def _check_models(self) -> None:
        for label, rows in self.models.items():
            part = self.parts.get(label)
            if part is None:
                raise BackupError(f"The archive holds {label}, which this installation lacks.")
            known = {f.attname for f in data_fields(part.model)}
            unknown = {name for row in rows for name in row["fields"]} - known
            if unknown:
                raise BackupError(
                    f"The archive's {label} has fields this installation lacks: "
                    f"{', '.join(sorted(unknown))}."
                )
        if len(self.models.get("productions.production", [])) != 1:
            raise BackupError("The archive does not hold exactly one production.")

    def _users(self) -> dict:
        if self.map_users:
            return people.accounts_by_email(self.archive.records)
        self.member_emails = people.member_emails(self.archive.records, self.models)
        return {}

    def _content_types(self) -> dict[str, int]:
        mapping = {}
        for old, natural in self.content_types.items():
            app_label, model = natural.split(".")
            try:
                mapping[old] = ContentType.objects.get_by_natural_key(app_label, model).pk
            except ContentType.DoesNotExist as error:
                raise BackupError(f"The archive refers to {natural}, unknown here.") from error
        return mapping

    def _new_ids(self) -> dict[str, dict]:
        """Old id -> new id for every row, and for every id a historical row names of a row that
        no longer exists (so the audit trail of a deleted row still hangs together)."""
        wanted = {label: {row["pk"] for row in rows} for label, rows in self.models.items()}
        live = {label: set(pks) for label, pks in wanted.items()}
        for label, rows in self.models.items():
            part = self.parts[label]
            for row in rows:
                for ref in row_refs(part, row["fields"], self.content_types):
                    if ref.target in (USER, CONTENT_TYPE):
                        continue
                    if ref.target not in self.parts:
                        raise BackupError(f"{label} #{row['pk']} refers to {ref.target}.")
                    if ref.strict and ref.value not in live.get(ref.target, ()):
                        raise BackupError(
                            f"{label} #{row['pk']} refers to the missing {ref.target} #{ref.value}."
                        )
                    wanted.setdefault(ref.target, set()).add(ref.value)
        ids = {}
        for label, old in wanted.items():
            old = sorted(old)
            ids[label] = dict(zip(old, reserve_ids(self.parts[label].model, len(old)), strict=True))
        return ids

    def _insert(self, part: Part, rows: list[dict]) -> None:
        fields = {f.attname: f for f in data_fields(part.model)}
        names = file_fields(part)
        objects = []
        for row in rows:
            values = {
                name: decode_value(fields[name], value) for name, value in row["fields"].items()
            }
            obj = part.model(pk=row["pk"], **values)
            for name in names:
                if values.get(name):
                    setattr(obj, name, self._file(part, obj, name, values[name]))
            objects.append(obj)
        with _timestamps_as_given(part.model):
            part.model._base_manager.bulk_create(objects, batch_size=500)

    def _file(self, part: Part, obj, attname: str, old_name: str) -> str:
        """Write the archived file through the storage API, once per name; keep a missing one's
        name (it was missing in the original too, and the manifest lists it)."""
        if old_name in self.files:
            return self.files[old_name]
        if old_name not in self.archive.manifest.get("files", {}):
            # Not in the archive (missing in the original, or a crafted name): no file. Never the
            # name as given, which could be another production's file in this storage.
            return ""
        base = part.history_of or part.model
        field = next(f for f in base._meta.concrete_fields if f.attname == attname)
        name = posixpath.basename(old_name)
        if part.history_of is None:
            try:
                name = field.generate_filename(obj, name)
            except Exception:  # noqa: BLE001  (an upload_to that needs saved relations)
                name = old_name
        else:
            name = old_name
        try:
            new_name = field.storage.save(name, ContentFile(self.archive.file(old_name)))
        except SuspiciousFileOperation as error:
            raise BackupError(f"The archive's file {old_name} has an unsafe name.") from error
        self.saved.append((field.storage, new_name))
        self.files[old_name] = new_name
        return new_name


@contextlib.contextmanager
def _timestamps_as_given(model: type[models.Model]):
    """bulk_create would stamp auto_now(_add) fields with the import's time: keep the archive's."""
    changed = [
        (f, f.auto_now, f.auto_now_add)
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for f, _, _ in changed:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in changed:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` ids from the table's own sequence, never handed out again (so later inserts and
    concurrent writers cannot collide with restored rows)."""
    if count == 0:
        return []
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [connection.ops.quote_name(table), column, count],
            )
            return sorted(row[0] for row in cursor.fetchall())
        if connection.vendor == "sqlite":
            # Table and column come from the model registry, never from the archive, and are
            # quoted by the backend: no input reaches this statement.
            quoted = connection.ops.quote_name
            sql = f"SELECT MAX({quoted(column)}) FROM {quoted(table)}"  # nosec B608  # noqa: S608
            cursor.execute(sql)
            highest = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            start = max(highest, row[0] if row else 0)
            if row:
                cursor.execute(
                    "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [start + count, table]
                )
            else:
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                    [table, start + count],
                )
            return list(range(start + 1, start + count + 1))
    raise BackupError(f"Restoring is supported on PostgreSQL and SQLite, not {connection.vendor}.")
