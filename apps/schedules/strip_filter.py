"""Which strips of the board match a filter (set, location, INT/EXT, day/night, cast, element,
pages, scene numbers). Reads the board already loaded; only an element filter costs one more
query."""

from __future__ import annotations

from dataclasses import dataclass

from apps.schedules.categories import strip_key
from apps.schedules.forms import BoardFilterForm
from apps.schedules.models import Scene, scene_sort_key


@dataclass
class StripFilter:
    form: BoardFilterForm
    matches: set[int] | None  # None: no filter, every strip shows as usual
    hide: bool = False
    total: int = 0

    @property
    def active(self) -> bool:
        return self.matches is not None

    @property
    def count(self) -> int:
        return len(self.matches or ())


def _number_test(text: str):
    """'4, 12A, 20-31' -> a test of a scene: one of those numbers, or within a range."""
    singles, ranges = set(), []
    for part in text.replace(";", ",").split(","):
        part = part.strip().upper()
        if not part:
            continue
        low, dash, high = part.partition("-")
        if dash and low.strip() and high.strip():
            # "20-31" takes 31A and 31B too
            ranges.append((scene_sort_key(low), scene_sort_key(high) + "\uffff"))
        else:
            singles.add(part)

    def test(scene: Scene) -> bool:
        if scene.number.upper() in singles:
            return True
        return any(low <= scene.sort_key <= high for low, high in ranges)

    return test


def strip_filter(production, board, params) -> StripFilter:
    form = BoardFilterForm(params or None, production=production)
    scenes = [s for block in board.days for s in block.scenes] + list(board.bin)
    if not form.is_bound or not form.is_valid():
        return StripFilter(form, None, total=len(scenes))
    data = form.cleaned_data
    tests = []
    if data["number"].strip():
        tests.append(_number_test(data["number"]))
    if data["set"]:
        tests.append(lambda s: s.set_id == data["set"].pk)
    if data["location"]:
        tests.append(lambda s: s.set.location_id == data["location"].pk)
    if data["int_ext"]:
        tests.append(lambda s: strip_key(s.int_ext, "")[0] == data["int_ext"])
    if data["light"]:
        tests.append(lambda s: strip_key("", s.time_of_day, s.day_night)[1] == data["light"])
    if data["cast"]:
        tests.append(lambda s: any(m.pk == data["cast"].pk for m in s.cast.all()))
    if data["element"]:
        having = set(
            Scene.elements.through.objects.filter(
                breakdownelement_id=data["element"].pk
            ).values_list("scene_id", flat=True)
        )
        tests.append(lambda s: s.pk in having)
    if data["pages"]:
        low, high = data["pages"]
        tests.append(lambda s: s.eighths >= low and (high is None or s.eighths <= high))
    if not tests:
        return StripFilter(form, None, total=len(scenes))
    matches = {s.pk for s in scenes if all(test(s) for test in tests)}
    return StripFilter(form, matches, hide=data["hide"], total=len(scenes))
