"""The printed schedule: shooting schedule, one-liner, Day Out of Days and location summary.

Each builder returns a Report (a header and sections of rows) that one template shows as a page
and as a PDF, and that flattens to CSV/XLSX rows. Builders read through queries.board/dood, so the
query count is fixed whatever the size of the schedule.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from apps.core.charts import bar_chart, plan_chart
from apps.productions.models import Production
from apps.schedules.categories import Category
from apps.schedules.importers.eighths import format_eighths
from apps.schedules.models import BreakdownElement, CastMember, Location, Scene
from apps.schedules.queries import board, dood


@dataclass
class Section:
    title: str
    rows: list[list]
    footer: str = ""


@dataclass
class Report:
    key: str
    title: str
    header: list[str]
    sections: list[Section] = field(default_factory=list)
    group_label: str = ""  # when set, exports carry the section title in a first column
    chart: str = ""
    # For wide reports (DOOD): columns repeated in every printed block, and how many of the
    # other columns fit beside them on a landscape page. 0 prints one block.
    fixed_columns: int = 0
    columns_per_block: int = 0
    # The query string that made the report (DOOD's "category=vehicles"), kept by its links.
    params: str = ""
    # On screen: how many leading columns stay in view while the table scrolls sideways, and
    # which column (the total) stays at the right edge. Not printed.
    sticky_columns: int = 0
    total_column: int | None = None
    # Columns that are sums of others on their row ({total: (work, hold, travel)}): live
    # formulas in the XLSX.
    sums: dict[int, tuple[int, ...]] = field(default_factory=dict)

    def printed_blocks(self) -> list[Report]:
        """The report cut into blocks of columns that fit a printed page, in order."""
        if not self.columns_per_block:
            return [self]
        blocks = []
        for start in range(self.fixed_columns, len(self.header), self.columns_per_block):
            keep = [*range(self.fixed_columns), *range(start, start + self.columns_per_block)]
            keep = [i for i in keep if i < len(self.header)]

            def pick(row, keep=keep):
                return [row[i] for i in keep]

            sections = [
                Section(s.title, [pick(r) for r in s.rows], s.footer) for s in self.sections
            ]
            blocks.append(Report(self.key, self.title, pick(self.header), sections))
        return blocks

    def flat_header(self) -> list[str]:
        return ([self.group_label] if self.group_label else []) + self.header

    def flat_sums(self) -> dict[int, tuple[int, ...]]:
        shift = 1 if self.group_label else 0
        return {t + shift: tuple(p + shift for p in parts) for t, parts in self.sums.items()}

    def flat_rows(self):
        for section in self.sections:
            for row in section.rows:
                yield ([section.title] if self.group_label else []) + list(row)


def _cast_ids(scene) -> str:
    return ", ".join(str(member.id_number) for member in scene.cast.all())


def _day_title(block, settings) -> str:
    day = block.day
    return f"{day} · {day.unit}"


def shooting_schedule(production: Production) -> Report:
    result = board(production)
    report = Report(
        "shooting-schedule",
        "Shooting schedule",
        ["Scene", "I/E", "Set", "D/N", "Pages", "Synopsis", "Cast", "Elements", "Location"],
        group_label="Day",
    )
    elements = _elements_by_scene(result)
    for block in result.days:
        if not block.day.is_shoot:
            report.sections.append(Section(str(block.day), [], footer=block.day.notes))
            continue
        rows = []
        for scene in block.scenes:
            location = scene.set.location
            rows.append(
                [
                    scene.number,
                    scene.int_ext,
                    scene.set.name,
                    scene.time_of_day,
                    scene.strip_pages,
                    scene.synopsis,
                    _cast_ids(scene),
                    elements.get(scene.pk, ""),
                    f"{location.name} — {location.address}".strip(" —") if location else "",
                ]
            )
        hours, minutes = divmod(block.minutes(result.settings), 60)
        footer = (
            f"End of day {block.day.day_number}: {block.pages} pages, "
            f"about {hours} h {minutes:02d} min"
        )
        if block.done:
            footer = _shot_words(block)
        report.sections.append(Section(_day_title(block, result.settings), rows, footer))
    return report


def _shot_words(block) -> str:
    """A day done's footer: its pages shot against its pages planned (see actuals.py)."""
    words = (
        f"Day {block.day.day_number} shot: {format_eighths(block.shot_eighths)} of "
        f"{format_eighths(block.planned_eighths)} pages planned"
    )
    return f"{words}; still on it, {block.pages} pages" if block.scenes else words


def _elements_by_scene(result) -> dict[int, str]:
    """Breakdown elements per scheduled scene, in one query, as 'Props: gun; Vehicles: van'."""
    from apps.schedules.models import Scene

    ids = [scene.pk for block in result.days for scene in block.scenes]
    grouped: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    links = Scene.elements.through.objects.filter(scene_id__in=ids).select_related(
        "breakdownelement"
    )
    for link in links:
        element = link.breakdownelement
        grouped[link.scene_id][element.get_category_display()].append(element.label)
    return {
        scene_id: "; ".join(
            f"{cat}: {', '.join(sorted(names))}" for cat, names in sorted(cats.items())
        )
        for scene_id, cats in grouped.items()
    }


def one_liner(production: Production) -> Report:
    result = board(production)
    report = Report(
        "one-liner", "One-liner", ["Scene", "I/E", "Set", "D/N", "Pages", "Cast"], group_label="Day"
    )
    for block in result.days:
        rows = [
            [s.number, s.int_ext, s.set.name, s.time_of_day, s.strip_pages, _cast_ids(s)]
            for s in block.scenes
        ]
        footer = f"Total {block.pages} pages" if block.day.is_shoot else ""
        footer = _shot_words(block) if block.done else footer
        report.sections.append(Section(_day_title(block, result.settings), rows, footer))
    report.chart = pages_chart(production, result)
    return report


def pages_chart(production: Production, result=None) -> str:
    return board_chart(result or board(production))


def board_chart(result, title: str = "Pages per shoot day") -> str:
    """Pages per shoot day against the page limit, of any board (the active one, a scenario).
    Once days are done, their pages shot stand beside their pages planned (plan_chart)."""
    limit = (
        Decimal(result.settings.page_limit_eighths) / 8
        if result.settings.page_limit_eighths
        else None
    )
    if any(b.done for b in result.shoot_days):
        paired = [
            (
                f"D{b.day.day_number}",
                Decimal(b.planned_eighths) / 8,
                Decimal(b.shot_eighths) / 8 if b.done else None,
            )
            for b in result.shoot_days
        ]
        return plan_chart(paired, title=f"{title}: planned and shot", limit=limit)
    bars = [(f"D{b.day.day_number}", Decimal(b.eighths) / 8) for b in result.shoot_days]
    return bar_chart(bars, title=title, limit=limit)


def day_out_of_days(production: Production, category: str = Category.CAST) -> Report:
    """Cast by default (ID, character, actor); any other breakdown category by element name and
    quantity, the same codes and totals.

    Once days are done (scheduled against actual, see dood.py): a day done's column says so
    ("D3 03/03 ✓") and its codes are what was worked; two more columns count, on the days done,
    the days each was planned and the days each worked; the chart shows each shoot day's pages,
    planned and shot on the days done, scheduled on the days to come."""
    data = dood(production, category)
    cast = category == Category.CAST
    done = data.done
    header = ["ID", "Character", "Actor"] if cast else ["Element", "Quantity"]
    header += [
        (
            f"D{day.day_number} {day.date:%d/%m}"
            if day.is_shoot
            else f"{day.get_kind_display()} {day.date:%d/%m}"
        )
        + (" ✓" if day.pk in done else "")
        for day in data.days
    ]
    header += ["Work", "Hold", "Travel", "Total", "Start", "Finish"]
    if done:
        header += ["Planned, days done", "Worked, days done"]
    rows = [
        (
            [row.member.id_number, row.member.character, row.member.actor]
            if cast
            else [row.member.name, row.member.quantity]
        )
        + row.codes
        + [row.work, row.hold, row.travel, row.total, _iso(row.start), _iso(row.finish)]
        + ([row.planned_done, row.worked_done] if done else [])
        for row in data.rows
    ]
    chart = ""
    if done:
        chart = plan_chart(
            [
                (
                    f"D{day.day_number}",
                    Decimal(pages.planned) / 8,
                    Decimal(pages.shot) / 8 if pages.shot is not None else None,
                )
                for day, pages in zip(data.days, data.pages, strict=True)
                if day.is_shoot
            ],
            title="Pages per shoot day: planned and shot",
        )
    title = "Day Out of Days" if cast else f"Day Out of Days: {Category(category).label}"
    return Report(
        "dood", title, header, [Section("", rows)],
        fixed_columns=3 if cast else 2, columns_per_block=20,
        params="" if cast else f"category={category}",
        sticky_columns=2 if cast else 1, total_column=header.index("Total"),
        sums={header.index("Total"): tuple(header.index(n) for n in ("Work", "Hold", "Travel"))},
        chart=chart,
    )  # fmt: skip


def _iso(day) -> str:
    return day.isoformat() if day else ""


def location_summary(production: Production) -> Report:
    result = board(production)
    used: dict[int, dict] = {}
    placed = [(block.day, scene) for block in result.shoot_days for scene in block.scenes]
    placed += [(scene.shot_on, scene) for scene in result.shot]  # the days they were shot on
    for day, scene in placed:
        if scene.set.location_id:
            entry = used.setdefault(scene.set.location_id, {"sets": set(), "days": {}})
            entry["sets"].add(scene.set.name)
            entry["days"][day.day_number] = day.date
    rows = []
    for location in Location.objects.filter(production=production).order_by("name"):
        entry = used.get(location.pk, {"sets": set(), "days": {}})
        days = sorted(entry["days"].items())
        rows.append(
            [
                location.name,
                location.address,
                ", ".join(sorted(entry["sets"])),
                ", ".join(str(n) for n, _ in days),
                ", ".join(f"{d:%a %d %b}" for _, d in days),
                location.get_permit_status_display(),
                f"{location.permit_start or ''} – {location.permit_end or ''}".strip(" –"),
                location.hospital_name,
            ]
        )
    return Report(
        "locations",
        "Location summary",
        ["Location", "Address", "Sets", "Days", "Dates", "Permit", "Permit dates", "Hospital"],
        [Section("", rows)],
    )


def element_report(production: Production) -> Report:
    """Each element (cast first, then every category in the standard order) and the scenes it is
    in, shoot day by shoot day, then those not scheduled yet. Queries: the board's 5, elements
    with their scene links 1, cast 1: the same whatever the size."""
    result = board(production)
    where: dict[int, tuple[int, object]] = {}  # scene id -> (order, day or None)
    for order, block in enumerate(result.shoot_days):
        for scene in block.scenes:
            where[scene.pk] = (order, block.day)
    for scene in result.bin:
        where[scene.pk] = (len(result.days), None)
    scenes = {s.pk: s for b in result.days for s in b.scenes} | {s.pk: s for s in result.bin}
    cast_scenes: dict[int, list[int]] = defaultdict(list)
    for block in result.days:
        for scene in block.scenes:
            for member in scene.cast.all():
                cast_scenes[member.pk].append(scene.pk)
    for scene in result.bin:
        for member in scene.cast.all():
            cast_scenes[member.pk].append(scene.pk)
    element_scenes: dict[int, list[int]] = defaultdict(list)
    for scene_id, element_id in Scene.elements.through.objects.filter(
        breakdownelement__production=production
    ).values_list("scene_id", "breakdownelement_id"):
        if scene_id in where:
            element_scenes[element_id].append(scene_id)

    def rows_for(label: str, quantity, scene_ids: list[int]) -> list[list]:
        by_day: dict[tuple[int, object], list] = defaultdict(list)
        for scene_id in scene_ids:
            by_day[where[scene_id]].append(scenes[scene_id])
        if not by_day:
            return [[label, quantity, "", "", "", ""]]
        rows = []
        for (_, day), found in sorted(by_day.items(), key=lambda item: item[0][0]):
            found.sort(key=lambda s: s.sort_key)
            rows.append(
                [
                    label,
                    quantity,
                    f"Day {day.day_number}" if day else "Not scheduled",
                    day.date.isoformat() if day else "",
                    ", ".join(s.number for s in found),
                    format_eighths(sum(s.remaining_eighths for s in found)),
                ]
            )
        return rows

    sections = []
    cast_rows = [
        row
        for member in CastMember.objects.filter(production=production).order_by("id_number")
        for row in rows_for(str(member), 1, cast_scenes[member.pk])
    ]
    if cast_rows:
        sections.append(Section(Category.CAST.label, cast_rows))
    by_category: dict[str, list] = defaultdict(list)
    for element in BreakdownElement.objects.filter(production=production).order_by("name"):
        by_category[element.category].extend(
            rows_for(element.name, element.quantity, element_scenes[element.pk])
        )
    for value, label in Category.choices:
        if by_category.get(value):
            sections.append(Section(label, by_category[value]))
    return Report(
        "elements",
        "Element report",
        ["Element", "Quantity", "Day", "Date", "Scenes", "Pages"],
        sections,
        group_label="Category",
    )


REPORTS = {
    "shooting-schedule": shooting_schedule,
    "one-liner": one_liner,
    "dood": day_out_of_days,
    "elements": element_report,
    "locations": location_summary,
}


def format_pages(eighths: int) -> str:
    return format_eighths(eighths)
