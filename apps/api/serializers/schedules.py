"""The schedule: scenes with their breakdown, shoot days, board moves and elements."""

from __future__ import annotations

from rest_framework import serializers

from apps.api.serializers import read_only_meta
from apps.schedules.categories import Category
from apps.schedules.models import BreakdownElement, DayNight, IntExt, Scene, ShootDay


class ElementSerializer(serializers.ModelSerializer):
    class Meta:
        model = BreakdownElement
        fields = ["id", "category", "name", "quantity"]
        read_only_fields = ["id"]
        extra_kwargs = {
            "category": {"choices": [c for c in Category.choices if c[0] != Category.CAST]}
        }


class SceneSerializer(serializers.ModelSerializer):
    set = serializers.CharField(source="set.name", read_only=True)
    cast = serializers.SerializerMethodField()
    elements = ElementSerializer(many=True, read_only=True)

    Meta = read_only_meta(
        Scene,
        "id", "number", "int_ext", "set", "time_of_day", "day_night", "eighths", "synopsis",
        "omitted", "shoot_day", "board_position", "cast", "elements", "notes",
    )  # fmt: skip

    def get_cast(self, scene: Scene) -> list[dict]:
        return [
            {"id": m.pk, "id_number": m.id_number, "character": m.character}
            for m in scene.cast.all()
        ]


class SceneWriteSerializer(serializers.Serializer):
    """A scene as its edit page takes it; `set_name` finds the set (or makes it). A PATCH changes
    the fields given. Its place on the board changes only through a board move."""

    number = serializers.CharField(max_length=20)
    set_name = serializers.CharField(max_length=200)
    int_ext = serializers.ChoiceField(choices=IntExt.choices, allow_blank=True, default="")
    time_of_day = serializers.CharField(max_length=30, allow_blank=True, default="")
    day_night = serializers.ChoiceField(choices=DayNight.choices, allow_blank=True, default="")
    eighths = serializers.IntegerField(min_value=0, max_value=10_000, default=0)
    synopsis = serializers.CharField(max_length=300, allow_blank=True, default="")
    notes = serializers.CharField(allow_blank=True, default="")
    cast = serializers.ListField(child=serializers.IntegerField(), default=list)
    elements = serializers.ListField(child=serializers.IntegerField(), default=list)


class ShootDaySerializer(serializers.ModelSerializer):
    scenes = serializers.SerializerMethodField()

    Meta = read_only_meta(
        ShootDay,
        "id", "position", "date", "kind", "day_number", "unit", "call_time", "wrap_time", "notes",
        "scenes",
    )  # fmt: skip

    def get_scenes(self, day: ShootDay) -> list[int]:
        """The day's scene ids in board order."""
        return [scene.pk for scene in day.scenes.all()]


class MoveSerializer(serializers.Serializer):
    """One strip moved, as on the stripboard: the scene, the day it goes to (null: the bin) and
    its place there (0 is the top; left out, the end)."""

    scene = serializers.IntegerField()
    day = serializers.IntegerField(allow_null=True)
    position = serializers.IntegerField(min_value=0, required=False)


class MovedSerializer(serializers.Serializer):
    scene = SceneSerializer()
    affected_days = serializers.ListField(
        child=serializers.IntegerField(allow_null=True),
        help_text="The days whose strips moved (null: the bin).",
    )
