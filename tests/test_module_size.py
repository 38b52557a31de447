"""No module under apps/ passes ~400 lines: past that, an app grows a sub-package by concern
(../shared/DESIGN.md, "Inside an app"). Migrations are generated and left out."""

from __future__ import annotations

from pathlib import Path

APPS = Path(__file__).resolve().parents[1] / "apps"
LIMIT = 400


def test_no_module_in_apps_is_over_400_lines():
    too_long = sorted(
        f"{path.relative_to(APPS)}: {count} lines"
        for path in APPS.rglob("*.py")
        if "migrations" not in path.parts and (count := len(path.read_text().splitlines())) > LIMIT
    )
    assert not too_long, "split by concern: " + "; ".join(too_long)
