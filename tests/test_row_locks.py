"""Row locks lock their own rows only.

`select_for_update()` with `select_related()` in the same query locks the joined rows too: the
production's row under every PO or memo edit (every edit of a production then waits on every
other), and PostgreSQL refuses the lock outright when a join is an outer one (a nullable foreign
key: "FOR UPDATE cannot be applied to the nullable side of an outer join"). SQLite has no row
locks, so only the PostgreSQL run would see it. This test reads every app's source: a query that
both locks and joins names what it locks, `select_for_update(of=("self", ...))`.
"""

from __future__ import annotations

import ast
from pathlib import Path

APPS = Path(__file__).resolve().parent.parent / "apps"


def _chain(node: ast.AST) -> list[ast.Call]:
    """The calls of a method chain, outermost first (`a.b().c()` -> [c(), b()])."""
    calls = []
    while True:
        if isinstance(node, ast.Call):
            calls.append(node)
            node = node.func
        elif isinstance(node, ast.Attribute):
            node = node.value
        else:
            return calls


def _name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else ""


def unnamed_locks(source: str) -> list[int]:
    """Lines of chains that call select_for_update() without `of` and also select_related()."""
    found, seen = [], set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or id(node) in seen:
            continue
        calls = _chain(node)
        seen.update(id(call) for call in calls)
        names = {_name(call): call for call in calls}
        lock = names.get("select_for_update")
        if lock is None or "select_related" not in names:
            continue
        if not any(keyword.arg == "of" for keyword in lock.keywords):
            found.append(lock.lineno)
    return found


def test_the_check_sees_a_lock_with_a_join_and_passes_a_named_one():
    assert unnamed_locks("M.objects.select_for_update().select_related('p').get(pk=1)") == [1]
    assert unnamed_locks("(M.objects.select_related('p')\n.select_for_update().get())") == [1]
    assert unnamed_locks("M.objects.select_for_update(of=('self',)).select_related('p')") == []
    assert unnamed_locks("M.objects.select_for_update().get(pk=1)") == []


def test_every_lock_that_joins_names_its_own_rows():
    offenders = [
        f"{path.relative_to(APPS.parent)}:{line}"
        for path in sorted(APPS.rglob("*.py"))
        if "migrations" not in path.parts
        for line in unnamed_locks(path.read_text())
    ]
    assert not offenders, "select_for_update(of=('self',)) where the query joins: " + ", ".join(
        offenders
    )
