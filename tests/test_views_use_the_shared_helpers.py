"""Views show a service's refusal through run_service (apps/core/view_helpers.py) and reverse a
production's URLs through production_url (apps/productions/links.py), not by hand."""

from __future__ import annotations

import ast
import re
from pathlib import Path

APPS = Path(__file__).resolve().parent.parent / "apps"

# Models are left to their own change (get_absolute_url); links.py is the one place that knows.
URL_BY_HAND_ALLOWED = {"productions/links.py", "productions/models.py"}
URL_BY_HAND = re.compile(r"\bproduction_slug\s*=(?!=)|[\"']production_slug[\"']\s*:")


def modules(pattern: str):
    for path in sorted(APPS.rglob(pattern)):
        if "migrations" not in path.parts:
            yield path


def view_modules():
    yield from modules("views.py")
    for package in APPS.glob("*/views"):
        yield from sorted(package.glob("*.py"))


def _shows_the_error_by_hand(handler: ast.ExceptHandler) -> bool:
    """`except XError as exc: messages.error(request, exc.message)` or
    `form.add_error(None, exc.message)`: what run_service does."""
    if handler.name is None:
        return False
    for node in ast.walk(ast.Module(body=handler.body, type_ignores=[])):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        shown = [
            arg
            for arg in node.args
            if isinstance(arg, ast.Attribute)
            and arg.attr == "message"
            and isinstance(arg.value, ast.Name)
            and arg.value.id == handler.name
        ]
        if not shown:
            continue
        func = node.func
        if (
            func.attr == "error"
            and isinstance(func.value, ast.Name)
            and func.value.id == "messages"
        ):
            return True
        if func.attr == "add_error" and isinstance(node.args[0], ast.Constant):
            return node.args[0].value is None
    return False


def test_no_view_shows_a_services_refusal_by_hand():
    found = []
    for path in view_modules():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ExceptHandler) and _shows_the_error_by_hand(node):
                found.append(f"{path.relative_to(APPS)}:{node.lineno}")
    assert found == [], "use apps.core.view_helpers.run_service: " + ", ".join(found)


def test_no_module_builds_a_production_url_by_hand():
    found = []
    for path in modules("*.py"):
        relative = path.relative_to(APPS).as_posix()
        if relative in URL_BY_HAND_ALLOWED:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if URL_BY_HAND.search(line):
                found.append(f"{relative}:{number}")
    assert found == [], "use apps.productions.links.production_url: " + ", ".join(found)


def test_the_checks_recognise_what_they_look_for():
    by_hand = ast.parse(
        "try:\n    pass\nexcept E as exc:\n    form.add_error(None, exc.message)\n"
        "try:\n    pass\nexcept E as exc:\n    messages.error(request, exc.message)\n"
    )
    handlers = [node for node in ast.walk(by_hand) if isinstance(node, ast.ExceptHandler)]
    assert [_shows_the_error_by_hand(h) for h in handlers] == [True, True]
    on_a_field = ast.parse(
        "try:\n    pass\nexcept E as exc:\n    form.add_error('file', exc.message)\n"
    )
    assert not _shows_the_error_by_hand(on_a_field.body[0].handlers[0])
    assert URL_BY_HAND.search('redirect("crew:days", production_slug=production.slug)')
    assert URL_BY_HAND.search('kwargs={"production_slug": request.production.slug}')
    assert not URL_BY_HAND.search("filter(production__slug=production_slug)")
