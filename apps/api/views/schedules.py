"""Scenes, shoot days, board moves and breakdown elements, through apps.schedules.services as the
stripboard and the scene pages write them (a board move locks the board while it runs)."""

from __future__ import annotations

from django.db.models import Prefetch
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from apps.api.access import ProductionEndpoint
from apps.api.filtering import filterset
from apps.api.serializers import schedules as s
from apps.productions.capabilities import Capability as C
from apps.schedules import services
from apps.schedules.models import BreakdownElement, CastMember, Scene, ShootDay

AT_THE_END = 10**6
UNKNOWN_IDS = "No {what} of this production has the id(s) {ids}."


class ScheduleEndpoint(ProductionEndpoint):
    read, write = C.VIEW_SCHEDULE, C.EDIT_SCHEDULE


SceneFilter = filterset(
    Scene,
    ("int_ext", "day_night", "omitted"),
    day=filters.NumberFilter(field_name="shoot_day", help_text="Shoot day id."),
    in_bin=filters.BooleanFilter(field_name="shoot_day", lookup_expr="isnull"),
    set=filters.CharFilter(field_name="set__name", lookup_expr="icontains"),
    number=filters.CharFilter(lookup_expr="iexact"),
)


class SceneRows(ScheduleEndpoint):
    queryset = (
        Scene.objects.select_related("set")
        .prefetch_related(
            Prefetch("cast", queryset=CastMember.objects.order_by("id_number")), "elements"
        )
        .order_by("sort_key", "number")
    )
    serializer_class = s.SceneSerializer

    def _ids(self, model, ids: list[int], what: str) -> list:
        found = list(model.objects.filter(production=self.request.production, pk__in=ids))
        missing = sorted(set(ids) - {row.pk for row in found})
        if missing:
            raise ValidationError({what: [UNKNOWN_IDS.format(what=what, ids=missing)]})
        return found


class Scenes(SceneRows, generics.ListCreateAPIView):
    """The script's scenes in script order, with cast and elements. POST adds a scene."""

    filterset_class = SceneFilter

    def get_serializer_class(self):
        return s.SceneWriteSerializer if self.request.method == "POST" else s.SceneSerializer

    @extend_schema(request=s.SceneWriteSerializer, responses={201: s.SceneSerializer})
    def post(self, request, *args, **kwargs) -> Response:
        data = self.incoming(s.SceneWriteSerializer)
        fields = ("number", "set_name", "int_ext", "time_of_day", "day_night", "eighths")
        scene = services.scene_create(
            production=request.production,
            synopsis=data["synopsis"],
            cast=self._ids(CastMember, data["cast"], "cast"),
            **{name: data[name] for name in fields},
        )
        return Response(s.SceneSerializer(self.get_queryset().get(pk=scene.pk)).data, 201)


class SceneDetail(SceneRows, generics.RetrieveUpdateAPIView):
    """One scene. PUT or PATCH changes its breakdown (the fields given)."""

    def get_serializer_class(self):
        writes = self.request.method in ("PUT", "PATCH")
        return s.SceneWriteSerializer if writes else s.SceneSerializer

    @extend_schema(request=s.SceneWriteSerializer, responses=s.SceneSerializer)
    def put(self, request, *args, **kwargs) -> Response:
        return self._change(request)

    @extend_schema(request=s.SceneWriteSerializer, responses=s.SceneSerializer)
    def patch(self, request, *args, **kwargs) -> Response:
        return self._change(request)

    def _change(self, request) -> Response:
        scene = self.get_object()
        data = self.incoming(s.SceneWriteSerializer, partial=True)
        cast = data.get("cast")
        elements = data.get("elements")
        kept = ("number", "int_ext", "time_of_day", "day_night", "eighths", "synopsis", "notes")
        services.scene_update(
            scene=scene,
            set_name=data.get("set_name", scene.set.name),
            **{name: data.get(name, getattr(scene, name)) for name in kept},
            cast=scene.cast.all() if cast is None else self._ids(CastMember, cast, "cast"),
            elements=(
                scene.elements.all()
                if elements is None
                else self._ids(BreakdownElement, elements, "elements")
            ),
        )
        return Response(s.SceneSerializer(self.get_queryset().get(pk=scene.pk)).data)


class DayRows(ScheduleEndpoint):
    queryset = ShootDay.objects.prefetch_related(
        Prefetch("scenes", queryset=Scene.objects.order_by("board_position", "sort_key"))
    ).order_by("position")
    serializer_class = s.ShootDaySerializer


class Days(DayRows, generics.ListAPIView):
    """The board's days in order (shoot days numbered), each with its scenes in board order."""

    filterset_fields = ["kind"]


class Day(DayRows, generics.RetrieveAPIView):
    """One day of the board with its scenes in board order."""


class BoardMoves(ScheduleEndpoint, generics.GenericAPIView):
    """POST moves one scene to a day (or the bin) at a position, as dragging its strip does."""

    serializer_class = s.MoveSerializer

    @extend_schema(request=s.MoveSerializer, responses=s.MovedSerializer)
    def post(self, request, *args, **kwargs) -> Response:
        data = self.incoming(s.MoveSerializer)
        affected = services.scene_move(
            production=request.production,
            scene_id=data["scene"],
            day_id=data["day"],
            position=data.get("position", AT_THE_END),
        )
        scene = SceneRows.queryset.get(production=request.production, pk=data["scene"])
        moved = {"scene": scene, "affected_days": sorted(affected, key=lambda d: (d is None, d))}
        return Response(s.MovedSerializer(moved).data, status=status.HTTP_200_OK)


class Elements(ScheduleEndpoint, generics.ListCreateAPIView):
    """The breakdown's elements (props, vehicles, wardrobe...); POST adds one."""

    queryset = BreakdownElement.objects.order_by("category", "name")
    serializer_class = s.ElementSerializer
    filterset_fields = ["category"]

    def perform_create(self, serializer) -> None:
        serializer.instance = services.element_create(
            production=self.request.production, **serializer.validated_data
        )
