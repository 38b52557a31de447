"""Reading a PDF back as a person would: its text (poppler's pdftotext), its pages and paper size
(pdfinfo), its images (pdfimages). poppler-utils is in CI's packages (.ci/run).

`of(response)` is a PDF response's bytes. Without WeasyPrint's system libraries the app answers
503 and the test is skipped, except in CI (CI=true, as .ci/run sets), where it fails: .ci/run
installs Pango, and a PDF test that skipped there would prove nothing."""

from __future__ import annotations

import html
import os
import re
import subprocess
import tempfile
from pathlib import Path

LETTER = (612, 792)  # points, portrait
A4 = (595, 842)
MM = 72 / 25.4  # points
# templates/documents/base.html: the letterhead's three boxes in the top margin, their widths
# shares of the width between the side margins.
TOP_MARGIN, SIDE_MARGIN, BOXES = 19 * MM, 10 * MM, (0.31, 0.34, 0.31)


def of(response) -> bytes:
    """The PDF a view answered (see the module's docstring for a 503)."""
    import pytest

    if response.status_code == 503:
        reason = response.content.decode()
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; in CI a PDF test may not be skipped")
        pytest.skip(reason)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf", response["Content-Type"]
    return response.content


def _run(command: list[str], pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            [*command, str(path), "-"] if command[0] == "pdftotext" else [*command, str(path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout


def text(pdf: bytes, *, layout: bool = True) -> str:
    """Every page's text, pages separated by a form feed; with `layout`, columns kept apart."""
    return _run(["pdftotext", *(["-layout"] if layout else [])], pdf)


def pages(pdf: bytes, *, layout: bool = True) -> list[str]:
    return text(pdf, layout=layout).split("\f")[:-1]


def words(page: str) -> str:
    """A page's text as one line of words: what a box says, however its lines wrapped (read
    without `layout`, a box's lines come together)."""
    return " ".join(page.split())


def page_count(pdf: bytes) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _run(["pdfinfo"], pdf), re.M).group(1))


def paper(pdf: bytes) -> tuple[int, int]:
    """The first page's size in whole points, portrait first: (612, 792) for US Letter."""
    found = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", _run(["pdfinfo"], pdf), re.M)
    width, height = sorted(round(float(v)) for v in found.groups())
    return width, height


def image_count(pdf: bytes) -> int:
    listed = _run(["pdfimages", "-list"], pdf).splitlines()
    return len(listed) - 2  # two lines of heading


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>'
)


def letterhead(pdf: bytes, page: int = 1) -> tuple[str, str, str]:
    """What the letterhead's left, centre and right boxes say on `page`, each as one line of
    words however its lines wrapped (poppler reads boxes that stand close as one block, so the
    words are sorted into the boxes by where they stand)."""
    found = _run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page)], pdf)
    width = float(re.search(r'<page width="([\d.]+)"', found).group(1))
    inner = width - 2 * SIDE_MARGIN
    ends = [SIDE_MARGIN + inner * sum(BOXES[: i + 1]) for i in range(len(BOXES))]
    boxes: list[list[tuple[float, float, str]]] = [[], [], []]
    for x, y, bottom, word in _WORD.findall(found):
        if float(bottom) <= TOP_MARGIN:
            box = next(i for i, end in enumerate(ends) if float(x) < end or i == 2)
            boxes[box].append((round(float(y)), float(x), html.unescape(word)))
    return tuple(" ".join(word for _, _, word in sorted(box)) for box in boxes)
