"""The stripboard's strips, banners and day headers as HTML, drawn in Python once per board.

A board holds 300 strips; a template include per strip (each with its own context, URL reversal
and CSRF tag) cost most of the page's time. Here the URLs, the CSRF field and the banner kinds
are worked out once per board, and each strip is one f-string with its text escaped. The page
and the JSON answer of every board write (apps/schedules/views/board_work.py) draw strips with
these same functions, so what a move redraws is what the page shows.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from django.middleware.csrf import get_token
from django.utils.dateformat import format as date_format
from django.utils.safestring import SafeString, mark_safe

from apps.productions.links import production_url
from apps.schedules.board_scenes import cast_of
from apps.schedules.importers.eighths import format_eighths
from apps.schedules.models import BannerKind, Scene
from apps.schedules.services.strips import merge
from apps.schedules.templatetags.schedule_tags import hours


def escape(value) -> str:
    """Django's escape, without its check for lazy text on every call (thousands a board)."""
    return html.escape(str(value))


@dataclass(frozen=True)
class Drawing:
    """What every strip of one board shares: computed once per request."""

    can_edit: bool
    matches: set[int] | None  # None: no filter
    hide: bool
    csrf: str  # the hidden CSRF field, already HTML
    move_url: str
    banner_edit_url: str  # with 0 where the banner's id goes
    banner_remove_url: str
    banner_add_url: str
    day_edit_url: str  # with 0 where the day's id goes
    day_remove_url: str
    sheets_url: str
    company_move_minutes: int

    @property
    def tabindex(self) -> str:
        return ' tabindex="0"' if self.can_edit else ""

    @classmethod
    def for_request(cls, request, board, found, *, can_edit: bool, csrf_token=None) -> Drawing:
        """`csrf_token` stands in for the session's own in a kept fragment (the fragment tag puts
        each response's own in its place)."""
        token = escape(csrf_token or get_token(request))

        def url(name: str, **kwargs) -> str:
            return production_url(request, name, **kwargs)

        return cls(
            can_edit=can_edit,
            matches=found.matches,
            hide=found.hide,
            csrf=f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">',
            move_url=url("schedules:move"),
            banner_edit_url=url("schedules:banner_edit", pk=0),
            banner_remove_url=url("schedules:banner_remove", pk=0),
            banner_add_url=url("schedules:banner_add"),
            day_edit_url=url("schedules:day_edit", pk=0),
            day_remove_url=url("schedules:day_remove", pk=0),
            sheets_url=url("schedules:breakdown_sheets"),
            company_move_minutes=board.settings.company_move_minutes,
        )


def _strip(scene: Scene, cast: str, d: Drawing) -> str:
    css = scene.strip_class
    if d.matches is not None and scene.pk not in d.matches:
        css += " strip-hidden" if d.hide else " strip-dim"
    pk, number = scene.pk, escape(scene.number)
    head = (
        f'<li class="strip {css}" data-scene="{pk}" data-number="{number}"'
        f' data-testid="strip-{number}"{d.tabindex}>'
    )
    select = move = ""
    if d.can_edit:
        select = (
            f'<input type="checkbox" class="form-check-input strip-select" name="scenes"'
            f' value="{pk}" form="selection-form" aria-label="Select scene {number}">'
        )
        to_bin = (
            f'<button class="btn btn-sm btn-outline-dark" type="submit" name="day" value="bin"'
            f' aria-label="Move scene {number} to the bin">Bin</button>'
            if scene.shoot_day_id
            else ""
        )
        move = (
            f'<form method="post" action="{d.move_url}" class="strip-move">{d.csrf}'
            f'<input type="hidden" name="scene" value="{pk}">'
            f'<input type="number" min="1" name="day_number" class="form-control form-control-sm"'
            f' placeholder="Day" aria-label="Move scene {number} to day number">'
            f'<button class="btn btn-sm btn-outline-dark" type="submit" name="go" value="day">'
            f"Move</button>{to_bin}</form>"
        )
    return (
        f"{head}{select}"
        '<span class="strip-handle" aria-hidden="true"><i class="bi bi-grip-vertical"></i></span>'
        f'<span class="strip-number">{number}</span>'
        f'<span class="strip-ie">{escape(scene.int_ext)}</span>'
        f'<span class="strip-set">{escape(scene.set.name)}</span>'
        f'<span class="strip-tod">{escape(scene.time_of_day)}</span>'
        f'<span class="strip-pages">{scene.strip_pages}</span>'
        f'<span class="strip-cast">{cast}</span>'
        f"{move}</li>"
    )


_KINDS = dict(BannerKind.choices)


def _banner(banner, d: Drawing) -> str:
    pk, kind, text = banner.pk, banner.kind, escape(banner.text)
    label = escape(_KINDS.get(kind, kind))
    parts = [
        f'<li class="banner banner-{escape(kind)}" data-banner="{pk}" data-testid="banner-{pk}"'
        f"{d.tabindex}>"
        '<span class="strip-handle" aria-hidden="true"><i class="bi bi-grip-vertical"></i></span>'
        f"<strong>{label}</strong>"
    ]
    if text:
        parts.append(f"<span>{text}</span>")
    if banner.is_company_move:
        parts.append(f'<span class="small">+{d.company_move_minutes} min</span>')
    if d.can_edit:
        options = "".join(
            f'<option value="{value}"{" selected" if value == kind else ""}>{escape(name)}</option>'
            for value, name in BannerKind.choices
        )
        edit = _with_pk(d.banner_edit_url, pk)
        remove = _with_pk(d.banner_remove_url, pk)
        parts.append(
            '<details class="ms-auto d-print-none"><summary class="small">Edit</summary>'
            f'<form method="post" action="{edit}" class="d-flex gap-1 mt-1">{d.csrf}'
            f'<select name="kind" class="form-select form-select-sm" aria-label="Kind of banner">'
            f"{options}</select>"
            f'<input name="text" maxlength="200" value="{text}" class="form-control'
            ' form-control-sm" aria-label="Banner text">'
            '<button class="btn btn-sm btn-outline-dark" type="submit">Save</button></form>'
            f'<form method="post" action="{remove}" class="mt-1">{d.csrf}'
            '<button class="btn btn-sm btn-link text-danger p-0" type="submit">Remove banner'
            "</button></form></details>"
        )
    parts.append("</li>")
    return "".join(parts)


def cast_text(scene: Scene) -> str:
    return ",".join(str(member.id_number) for member in cast_of(scene))


def strip_list(block, board, d: Drawing) -> SafeString:
    """The <li>s of one day (its strips and banners in board order), or of the bin (block None)."""
    items = merge(block.scenes, block.banners) if block is not None else board.bin
    return mark_safe(  # noqa: S308 - every value above is escaped or built by the app  # nosec B308 B703
        "\n".join(
            _strip(item, cast_text(item), d) if isinstance(item, Scene) else _banner(item, d)
            for item in items
        )
    )


def _with_pk(url: str, pk: int) -> str:
    return url.replace("/0/", f"/{pk}/")


def day_header(block, d: Drawing) -> SafeString:
    """A day's header: its label and date, its pages and time estimate, its conflicts, and (for
    an editor) adding a banner, editing and removing the day."""
    day = block.day
    name = escape(str(day))
    label = f"Day {day.day_number}" if day.is_shoot else escape(day.get_kind_display())
    parts = [
        '<div class="d-flex flex-wrap align-items-center gap-2">'
        f'<strong data-testid="day-label">{label}</strong>'
        f"<span>{date_format(day.date, 'D j M Y')}</span>"
        f'<span class="small">{escape(day.unit)}</span>'
    ]
    if day.is_shoot:
        parts.append(
            f'<span class="badge text-bg-light" data-testid="day-total">{block.pages} pp</span>'
            f'<span class="small" data-testid="day-estimate">est. {hours(block.estimate)}</span>'
        )
        if block.done:
            planned = format_eighths(block.planned_eighths)
            shot = format_eighths(block.shot_eighths)
            parts.append(
                f'<span class="badge text-bg-success" data-testid="day-shot"'
                f' title="Shooting recorded: pages shot of the pages planned when the day began">'
                f'<i class="bi bi-check2"></i> shot {shot} of {planned} pp</span>'
            )
        if block.over_time:
            available = hours(block.available)
            parts.append(
                f'<span class="badge text-bg-warning" data-flag="time" title="Call to wrap is'
                f' {available}"><i class="bi bi-clock"></i> over the {available} from call to'
                " wrap</span>"
            )
    for c in block.conflicts:
        message = escape(c.message)
        parts.append(
            f'<span class="badge text-bg-danger" data-conflict="{escape(c.kind)}"'
            f' title="{message}"><i class="bi bi-exclamation-triangle"></i> {message}</span>'
        )
    if day.is_shoot and block.scenes:
        parts.append(
            f'<a class="btn btn-sm btn-link p-0 d-print-none" href="{d.sheets_url}?day={day.pk}">'
            "Sheets</a>"
        )
    if d.can_edit:
        parts.append('<span class="ms-auto d-flex flex-wrap gap-1 d-print-none">')
        if day.is_shoot:
            options = "".join(
                f'<option value="{value}">{escape(text)}</option>'
                for value, text in BannerKind.choices
            )
            parts.append(
                '<details class="banner-add"><summary class="small">Banner</summary>'
                f'<form method="post" action="{d.banner_add_url}" class="d-flex gap-1 mt-1">'
                f'{d.csrf}<input type="hidden" name="day" value="{day.pk}">'
                f'<select name="kind" class="form-select form-select-sm"'
                f' aria-label="Kind of banner on {name}">{options}</select>'
                '<input name="text" maxlength="200" class="form-control form-control-sm"'
                f' placeholder="Text" aria-label="Banner text on {name}">'
                '<button class="btn btn-sm btn-light" type="submit">Add</button></form></details>'
            )
        parts.append(
            f'<a class="btn btn-sm btn-link p-0" href="{_with_pk(d.day_edit_url, day.pk)}">Edit</a>'
            f'<form method="post" action="{_with_pk(d.day_remove_url, day.pk)}">{d.csrf}'
            '<button class="btn btn-sm btn-link p-0 text-danger" type="submit"'
            ' data-confirm="Remove this day? Its scenes go back to the bin.">Remove</button>'
            "</form></span>"
        )
    parts.append("</div>")
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped or built by the app  # nosec B308 B703


FILTER_SELECTS = ("set", "location", "int_ext", "light", "cast", "element")


def filter_selects(form) -> SafeString:
    """The filter's choices (sets, locations, cast, elements: a few hundred options on a large
    board), the chosen one selected."""
    selects = []
    for name in FILTER_SELECTS:
        field = form[name]
        label = escape(field.label)
        chosen = str(field.value() or "")
        options = "".join(
            f'<option value="{escape(value)}"{" selected" if value == chosen else ""}>'
            f"{escape(text)}</option>"
            if value
            else f'<option value="">{label}: any</option>'
            for value, text in ((str(value), text) for value, text in field.field.choices)
        )
        selects.append(
            f'<select name="{name}" class="form-select form-select-sm w-auto"'
            f' aria-label="{label}">{options}</select>'
        )
    return mark_safe("".join(selects))  # noqa: S308 - every value is escaped  # nosec B308 B703


def days(board, d: Drawing) -> SafeString:
    """Every day of the board: its header, and for a shoot day its strips."""
    sections = []
    for block in board.days:
        day, pk = block.day, block.day.pk
        strips = ""
        if day.is_shoot:
            recorded = ' data-recorded="1"' if block.done else ""  # takes no more scenes
            strips = (
                f'<ol class="strip-list list-unstyled mb-0" data-day="{pk}"{recorded}'
                f' data-label="Day {day.day_number}" aria-label="Scenes on {escape(str(day))}">'
                f"{strip_list(block, board, d)}</ol>"
            )
        sections.append(
            f'<section class="day-block mb-2{"" if day.is_shoot else " day-nonshoot"}"'
            f' data-day-id="{pk}"><div class="day-header" id="day-header-{pk}">'
            f"{day_header(block, d)}</div>{strips}</section>"
        )
    return mark_safe("\n".join(sections))  # noqa: S308 - built from the escaped parts above  # nosec B308 B703


def day_options(board) -> SafeString:
    """The shoot days as <option>s, for the sort and the move-selected choices."""
    return mark_safe(  # noqa: S308 - numbers only  # nosec B308 B703
        "".join(
            f'<option value="{block.day.pk}">Day {block.day.day_number}</option>'
            for block in board.shoot_days
        )
    )
