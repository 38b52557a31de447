"""Chart-of-accounts templates shipped as JSON in ``apps/budgets/templates_data/``.

A template file ``<key>.json`` holds::

    {"key", "name", "description",
     "sections": [{"code": "ATL" | "PRODUCTION" | "POST" | "OTHER", "name"}],
     "categories": [{"number", "name", "section", "accounts": [{"number", "name"}]}],
     "fringes": [{"code", "name", "kind": "percent" | "flat", "rate", "cutoff",
                  "example": true, "description"}],
     "globals": [{"name", "value", "description"}]}

Numbers (category and account numbers) are strings, unique among categories and among all
accounts of the template. JSON numbers (fringe rates and cutoffs, global values) are read as
Decimal, never float. ``fringes`` and ``globals`` may be omitted (read as empty lists); a
fringe's ``description`` is optional and ``example: true`` marks a rate shipped only as an
illustration, to be checked before use.
load_template raises TemplateError (a ValueError) naming the first problem it finds.
"""

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from apps.core.errors import DomainError

from .calc import SECTION_CODES, Fringe

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates_data"


class TemplateError(DomainError, ValueError):
    """A template is unknown or its JSON breaks the rules above; str(error) says where."""


_KEY = re.compile(r"[a-z0-9_]+")
_GLOBAL_NAME = re.compile(r"[A-Z][A-Z0-9_]*")


def list_templates() -> list[dict[str, str]]:
    """Key, name and description of every shipped template, sorted by key."""
    summaries = []
    for path in sorted(TEMPLATES_DIR.glob("*.json")):
        template = load_template(path.stem)
        summaries.append({field: template[field] for field in ("key", "name", "description")})
    return summaries


def load_template(key: str) -> dict[str, Any]:
    """The validated template ``key`` (a fresh dict on every call, safe to modify)."""
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise TemplateError(f"Unknown template {key!r}")
    path = TEMPLATES_DIR / f"{key}.json"
    if not path.is_file():
        raise TemplateError(f"Unknown template {key!r}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal, parse_int=Decimal)
    except json.JSONDecodeError as error:
        raise TemplateError(f"Template {key!r} is not valid JSON: {error}") from None
    _validate(key, data)
    return data


def _validate(key: str, data: object) -> None:
    if not isinstance(data, dict):
        raise TemplateError(f"Template {key!r} must be a JSON object")
    data.setdefault("fringes", [])
    data.setdefault("globals", [])
    where = f"Template {key!r}"
    if data.get("key") != key:
        raise TemplateError(f"{where} declares key {data.get('key')!r}")
    for field in ("name", "description"):
        _text(data, field, where)
    codes = _validate_sections(where, _list(data, "sections", where))
    _validate_categories(where, _list(data, "categories", where), codes)
    _validate_fringes(where, _list(data, "fringes", where))
    _validate_globals(where, _list(data, "globals", where))


def _validate_sections(where: str, sections: list[Any]) -> set[str]:
    if not sections:
        raise TemplateError(f"{where} declares no sections")
    codes: set[str] = set()
    for section in sections:
        code = _text(section, "code", f"{where}: a section")
        if code not in SECTION_CODES:
            raise TemplateError(f"{where}: section code {code!r} is not one of {SECTION_CODES}")
        _unique(codes, code, f"{where}: section code")
        _text(section, "name", f"{where}: section {code}")
    return codes


def _validate_categories(where: str, categories: list[Any], section_codes: set[str]) -> None:
    if not categories:
        raise TemplateError(f"{where} declares no categories")
    category_numbers: set[str] = set()
    account_numbers: set[str] = set()
    for category in categories:
        number = _text(category, "number", f"{where}: a category")
        _unique(category_numbers, number, f"{where}: category number")
        label = f"{where}: category {number}"
        _text(category, "name", label)
        section = _text(category, "section", label)
        if section not in section_codes:
            raise TemplateError(f"{label} is in undeclared section {section!r}")
        accounts = _list(category, "accounts", label)
        if not accounts:
            raise TemplateError(f"{label} has no accounts")
        for account in accounts:
            account_number = _text(account, "number", f"{label}: an account")
            _unique(account_numbers, account_number, f"{where}: account number")
            _text(account, "name", f"{where}: account {account_number}")


def _validate_fringes(where: str, fringes: list[Any]) -> None:
    codes: set[str] = set()
    for fringe in fringes:
        code = _text(fringe, "code", f"{where}: a fringe")
        _unique(codes, code, f"{where}: fringe code")
        try:
            Fringe(code, fringe.get("name"), fringe["kind"], fringe["rate"], fringe.get("cutoff"))
        except (KeyError, TypeError, ValueError) as error:
            raise TemplateError(f"{where}: fringe {code}: {error}") from None
        if not isinstance(fringe.get("example", False), bool):
            raise TemplateError(f"{where}: fringe {code} 'example' must be true or false")


def _validate_globals(where: str, globals_: list[Any]) -> None:
    names: set[str] = set()
    for item in globals_:
        name = _text(item, "name", f"{where}: a global")
        if not _GLOBAL_NAME.fullmatch(name):
            raise TemplateError(f"{where}: global {name!r} is not an UPPER_SNAKE name")
        _unique(names, name, f"{where}: global")
        if not isinstance(item.get("value"), Decimal):
            raise TemplateError(f"{where}: global {name} value must be a JSON number")
        _text(item, "description", f"{where}: global {name}")


def _text(item: object, field: str, where: str) -> str:
    if not isinstance(item, dict):
        raise TemplateError(f"{where} must be a JSON object")
    value = item.get(field)
    if not isinstance(value, str) or not value.strip():
        raise TemplateError(f"{where} has an empty or missing {field!r}")
    return value


def _list(item: dict[str, Any], field: str, where: str) -> list[Any]:
    value = item.get(field)
    if not isinstance(value, list):
        raise TemplateError(f"{where}: {field!r} must be a list")
    return value


def _unique(seen: set[str], value: str, what: str) -> None:
    if value in seen:
        raise TemplateError(f"Duplicate {what} {value!r}")
    seen.add(value)
