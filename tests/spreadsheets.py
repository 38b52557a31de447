"""A real spreadsheet engine for the tests: LibreOffice, headless, recalculates a workbook.

`recalculated(data, tmp_path)` opens the XLSX in LibreOffice with "recalculate on load: always",
saves it again as XLSX (LibreOffice writes every formula's result beside it) and returns the saved
workbook read with data_only=True: each formula cell's value as the engine computed it.

Each call has a LibreOffice profile of its own under tmp_path (-env:UserInstallation), so
parallel xdist workers never share one. Without `soffice` the test is skipped, except in CI
(CI=true, as .ci/run sets), where it fails: .ci/run installs libreoffice-calc-nogui.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

SOFFICE = os.environ.get("SOFFICE_PATH") or shutil.which("soffice") or "/usr/bin/soffice"

# Recalculate every formula when a file is loaded (0 = always; LibreOffice's default asks or
# trusts the cached values a file carries).
RECALCULATE_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
  oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode"
  oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice_or_skip() -> str:
    if Path(SOFFICE).exists():
        return SOFFICE
    reason = f"no LibreOffice at {SOFFICE}: apt-get install libreoffice-calc-nogui"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; in CI the spreadsheet recalculation may not be skipped")
    pytest.skip(reason)


def recalculated(data: bytes, tmp_path: Path):
    """The workbook as LibreOffice recalculated it (values only)."""
    soffice = soffice_or_skip()
    work = tmp_path / "libreoffice"
    profile = work / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ON_LOAD)
    source = work / "in" / "book.xlsx"
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(data)
    out = work / "out"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    result = out / "book.xlsx"
    assert result.exists(), f"LibreOffice did not convert the workbook: {done.stdout}{done.stderr}"
    return load_workbook(io.BytesIO(result.read_bytes()), data_only=True)


def money(value, places: int = 2) -> Decimal:
    """A spreadsheet's number (a float) as the money it stands for, to the minor unit."""
    assert isinstance(value, int | float), f"not a number: {value!r}"
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places))


def zip_tables(data: bytes) -> dict[str, list[list[str]]]:
    """The CSV files of a ZIP export, each as its rows."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: list(csv.reader(io.StringIO(archive.read(name).decode())))
            for name in archive.namelist()
        }


def zip_of(tables: dict[str, list[list[str]]]) -> bytes:
    """A ZIP of CSV files, as a person might put an edited export back together."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, rows in tables.items():
            stream = io.StringIO()
            csv.writer(stream).writerows(rows)
            archive.writestr(name, stream.getvalue())
    return buffer.getvalue()


def import_elsewhere(client, production, export, import_url: str, filename: str):
    """Export from `production` (``export(client, production)``), then, as a member of a new
    production, upload the file to its `import_url` (a URL name); the import must succeed.
    Returns (the new production, the exported bytes)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.factories import ProductionFactory, member

    client.force_login(member(production))
    data = export(client, production)
    other = ProductionFactory()
    client.force_login(member(other))
    upload = SimpleUploadedFile(filename, data)
    response = client.post(reverse(import_url, args=[other.slug]), {"file": upload})
    assert response.status_code == 302, response.context and response.context.get("errors")
    return other, data
