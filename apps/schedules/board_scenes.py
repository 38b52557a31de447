"""The board's scenes, read once for the stripboard, its writes' answers, Day Out of Days and
the printed strips."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from apps.productions.models import Production
from apps.schedules.models import CastMember, Scene, Set


class LoadedCast(QuerySet):
    """A scene's cast as board_scenes loaded it: iterating reads what is loaded; a further query
    (a filter, an ordering) asks the database for the scene's cast, as a prefetched relation
    would."""

    scene_id: int

    def _chain(self):
        return CastMember.objects.filter(scenes=self.scene_id)._chain()


class LoadedCache(dict):
    """A scene's prefetch cache whose cast (a LoadedCast) is made only when something asks
    `scene.cast` for it: most board readers take `cast_of(scene)`, and 300 querysets made for
    nothing cost the board a tenth of its time."""

    def __init__(self, scene_id: int, members: list[CastMember]) -> None:
        super().__init__()
        self.scene_id, self.members = scene_id, members

    def __missing__(self, key: str):
        if key != "cast":
            raise KeyError(key)
        loaded = LoadedCast(model=CastMember, query=CastMember.objects.none().query)
        loaded.scene_id, loaded._prefetch_done = self.scene_id, True
        loaded._result_cache = self.members
        self["cast"] = loaded
        return loaded


# What a scene keeps of the script, for revisions (apps/schedules/revisions.py): a board never
# shows it, and an imported script's 300 scenes carry hundreds of KB of it.
SCRIPT_TEXT = ("text", "speaking", "content_hash")


def board_scenes(production: Production) -> list[Scene]:
    """The scenes in board order, each with its set (and location) and its cast by cast ID, as
    `scenes_for_board` gives them, but with one instance per set and per cast member however
    many scenes share it: a 300-scene board has ~1,000 cast links, and building (and decoding)
    a cast member per link was most of the board's read. `scene.cast.all()` answers from what
    is loaded. The script's text is left in the database (SCRIPT_TEXT). Queries: scenes, sets
    with locations, cast, cast links: 4."""
    scenes = list(
        Scene.objects.filter(production=production)
        .defer(*SCRIPT_TEXT)
        .order_by("board_position", "sort_key")
    )
    sets = Set.objects.filter(production=production).select_related("location").in_bulk()
    cast = CastMember.objects.filter(production=production).in_bulk()
    links = Scene.cast.through.objects.filter(scene__production=production)
    by_scene: dict[int, list[CastMember]] = defaultdict(list)
    by_id_number = links.order_by("castmember__id_number")
    for scene_id, member_id in by_id_number.values_list("scene_id", "castmember_id"):
        by_scene[scene_id].append(cast[member_id])
    set_field = Scene._meta.get_field("set")
    for scene in scenes:
        set_field.set_cached_value(scene, sets[scene.set_id])
        scene.board_cast = by_scene.get(scene.pk, [])
        scene._prefetched_objects_cache = LoadedCache(scene.pk, scene.board_cast)
    return scenes


def cast_of(scene: Scene) -> list[CastMember]:
    """A scene's cast by cast ID: the list board_scenes loaded (no related manager built per
    call), or the scene's own relation."""
    loaded = getattr(scene, "board_cast", None)
    return loaded if loaded is not None else list(scene.cast.all())
