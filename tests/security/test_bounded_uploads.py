"""Every upload and import is bounded, in the app itself, with a message that says why.

Found on main: a 1.5 KB XLSX declaring ``A1:XFD1048576`` made the budget and actuals imports build a
million-row sheet until memory ran out; a 120 KB Fountain file of ``[[`` took 19 s and grew
quadratically; a PNG whose header claims 30000 x 30000 pixels was a server error.

The old code hung on two of these, so they run under a deadline (a SIGALRM) that turns a hang into
a failure instead of a stuck CI.
"""

from __future__ import annotations

import io
import re
import signal
import struct
import zipfile
import zlib
from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import Workbook

from apps.budgets.importers import ImportFailed, import_actuals
from apps.core.tables import TableRefused, read_rows
from apps.core.validators import validate_logo
from apps.schedules.importers import ScriptImportError, parse_script
from apps.schedules.importers.fountain import parse_fountain
from apps.vendors.services import VendorError
from apps.vendors.services.purchasing import sniff_certificate
from tests.budgets.factories import budget_from_template

pytestmark = pytest.mark.django_db


class Hung(Exception):
    pass


@contextmanager
def deadline(seconds: int):
    def stop(signum, frame):
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def xlsx(rows, *, dimension: str | None = None) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if dimension is None:
        return buffer.getvalue()
    # Rewrite the sheet's declared size, as a crafted file would.
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), data
                )
                assert dimension.encode() in data
            target.writestr(info, data)
    return out.getvalue()


ACTUALS = [
    ["date", "account_number", "payee", "description", "amount", "reference"],
    ["2030-03-04", "3201", "Sparks Ltd", "Gaffer, day 1", "650.00", "INV-1"],
]


def test_an_xlsx_declaring_a_million_rows_is_read_by_the_rows_it_holds(production):
    budget_from_template(production)
    data = xlsx(ACTUALS, dimension="A1:XFD1048576")
    assert len(data) < 10_000
    with deadline(20):
        rows = read_rows(data, "actuals.xlsx")
    assert rows == ACTUALS
    with deadline(20):
        created = import_actuals(
            production=production, upload=SimpleUploadedFile("actuals.xlsx", data)
        )
    assert created == 1


@override_settings(IMPORT_MAX_ROWS=3, IMPORT_MAX_COLUMNS=4, IMPORT_MAX_CELLS=9)
def test_rows_columns_and_cells_have_limits_that_say_so():
    with pytest.raises(TableRefused, match="more than 3 rows"):
        read_rows(b"a\nb\nc\nd\n", "x.csv")
    with pytest.raises(TableRefused, match="Row 2 has 5 columns; the limit is 4"):
        read_rows(b"a,b\n1,2,3,4,5\n", "x.csv")
    with pytest.raises(TableRefused, match="more than 9 cells"):
        read_rows(b"a,b,c,d\n1,2,3,4\n5,6,7,8\n", "x.csv")
    # Trailing empty cells are not columns.
    assert read_rows(b"a,b,,,,,,,,\n", "x.csv") == [["a", "b"]]


@override_settings(IMPORT_MAX_BYTES=100)
def test_a_file_over_the_byte_limit_is_refused_in_the_import_report(production):
    budget_from_template(production)
    with pytest.raises(ImportFailed) as refused:
        import_actuals(
            production=production, upload=SimpleUploadedFile("a.csv", b"account_number," * 20)
        )
    assert "the limit is 100" in refused.value.errors[0].reason


@override_settings(IMPORT_MAX_UNPACKED_BYTES=50_000)
def test_an_xlsx_that_unpacks_too_large_is_refused_before_it_is_parsed():
    data = xlsx([["x" * 1000] for _ in range(100)] + [["a"]])
    with pytest.raises(TableRefused, match="unpacks to"):
        read_rows(data, "big.xlsx")


@pytest.mark.parametrize("piece", ["[[", "/* ", "/*[[ "])
def test_fountain_notes_and_boneyard_without_ends_parse_in_linear_time(piece):
    text = "INT. HOUSE - DAY\n\n" + piece * (120_000 // len(piece))
    with deadline(10):
        parse_fountain(text)


def test_notes_and_boneyard_are_still_removed():
    title, elements = parse_fountain(
        "INT. HOUSE - DAY\n\nShe [[a note]] waits. /* cut\nthis */ Then [[ unclosed\n"
    )
    text = " ".join(e.text for e in elements)
    assert "a note" not in text and "cut" not in text and "[[ unclosed" in text


@override_settings(SCRIPT_MAX_BYTES=1000)
def test_a_script_over_the_size_limit_is_refused_with_its_size():
    with pytest.raises(ScriptImportError, match="at most"):
        parse_script(b"INT. HOUSE - DAY\n\n" + b"a" * 2000, "big.fountain", max_bytes=1000)


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares `width` x `height` (valid signature and CRC)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    end = struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
    return b"\x89PNG\r\n\x1a\n" + ihdr + end


def test_a_logo_claiming_30000_pixels_square_is_refused_in_words():
    upload = SimpleUploadedFile("logo.png", png_claiming(30000, 30000), "image/png")
    with pytest.raises(ValidationError) as refused:
        validate_logo(upload)
    assert "The image is 900,000,000 pixels; the limit is" in refused.value.messages[0]


def test_an_image_just_over_our_limit_is_refused_by_its_header():
    upload = SimpleUploadedFile("logo.png", png_claiming(8000, 5001), "image/png")
    with pytest.raises(ValidationError, match="40,008,000 pixels"):
        validate_logo(upload)


def test_a_certificate_claiming_30000_pixels_square_is_refused_in_words():
    upload = SimpleUploadedFile("coi.png", png_claiming(30000, 30000), "image/png")
    with pytest.raises(VendorError, match="900,000,000 pixels"):
        sniff_certificate(upload)


def test_a_zip_of_csv_files_is_bounded_like_an_xlsx_and_reads_only_its_csv_files():
    """The detail and scene list exports come back as a ZIP of CSV files: its declared unpacked
    size is checked before anything is read, each file is bounded like an upload, folders and
    other files are ignored."""
    from apps.core.tables import read_tables

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("lines.csv", "a,b\n" + "1,2\n" * 20_000)
    small = override_settings(IMPORT_MAX_UNPACKED_BYTES=10_000)
    with small, pytest.raises(TableRefused) as refused:
        read_tables(buffer.getvalue(), "detail.zip")
    assert "unpacks to" in str(refused.value)

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../etc/lines.csv", "a,b\n'=1+1,2\n")
        archive.writestr("notes.txt", "ignored")
        archive.writestr("__MACOSX/._lines.csv", "ignored")
    assert read_tables(buffer.getvalue(), "detail.zip") == {"lines": [["a", "b"], ["=1+1", "2"]]}
    with pytest.raises(TableRefused):
        read_tables(b"not a zip", "detail.zip")
