"""Daily production reports with their sections and the hot cost summary (read only: drafting
and signing are the pages')."""

from __future__ import annotations

from rest_framework import serializers

from apps.api.serializers import read_only_meta
from apps.daily_reports import queries
from apps.daily_reports.models import (
    Background,
    CastResult,
    CostItem,
    CrewException,
    CrewTimes,
    DailyReport,
    Event,
    SceneResult,
    UnitTimes,
)
from apps.productions.capabilities import Capability

MONEY = {"max_digits": 18, "decimal_places": 3}


class ReportRowSerializer(serializers.ModelSerializer):
    day_number = serializers.IntegerField(source="shoot_day.day_number", read_only=True)
    date = serializers.DateField(source="shoot_day.date", read_only=True)
    signed_by = serializers.SerializerMethodField()
    eighths_scheduled = serializers.IntegerField(source="scheduled_eighths", read_only=True)
    eighths_shot = serializers.IntegerField(source="shot_eighths", read_only=True)

    Meta = read_only_meta(
        DailyReport,
        "id", "shoot_day", "day_number", "date", "state", "version", "call_sheet_revision",
        "eighths_scheduled", "eighths_shot", "signed_by", "signed_at", "updated_at",
    )  # fmt: skip

    def get_signed_by(self, report: DailyReport) -> str:
        return report.signed_by.display_name if report.signed_by_id else ""


class ReportUnitSerializer(serializers.ModelSerializer):
    Meta = read_only_meta(
        UnitTimes,
        "name", "crew_call", "shooting_call", "first_shot", "meal_out", "meal_in",
        "second_meal_out", "second_meal_in", "camera_wrap", "last_out",
    )  # fmt: skip


class ReportSceneSerializer(serializers.ModelSerializer):
    Meta = read_only_meta(
        SceneResult,
        "scene", "number", "scheduled", "status", "eighths_scheduled", "eighths_shot", "setups",
        "minutes", "remaining_to_day", "notes",
    )  # fmt: skip


class ReportCastSerializer(serializers.ModelSerializer):
    Meta = read_only_meta(
        CastResult,
        "cast_member", "role", "name", "status", "time_in", "time_out", "meal_out", "meal_in",
        "travel_out", "travel_in", "notes",
    )  # fmt: skip


class ReportBackgroundSerializer(serializers.ModelSerializer):
    Meta = read_only_meta(Background, "description", "count", "time_in", "time_out", "notes")


class ReportCrewSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True)

    Meta = read_only_meta(
        CrewTimes, "department", "department_name", "time_in", "meal_out", "meal_in", "time_out"
    )


class ReportExceptionSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)

    Meta = read_only_meta(
        CrewException,
        "person", "person_name", "absent", "time_in", "meal_out", "meal_in", "time_out", "reason",
    )  # fmt: skip


class ReportEventSerializer(serializers.ModelSerializer):
    Meta = read_only_meta(Event, "kind", "at", "minutes", "description")


class ReportCostItemSerializer(serializers.ModelSerializer):
    Meta = read_only_meta(CostItem, "description", "planned", "actual")


class ReportSerializer(ReportRowSerializer):
    """One report with every section its page shows."""

    eighths_scheduled = serializers.SerializerMethodField()
    eighths_shot = serializers.SerializerMethodField()

    units = ReportUnitSerializer(many=True, read_only=True)
    scenes = ReportSceneSerializer(many=True, read_only=True)
    cast = ReportCastSerializer(many=True, read_only=True)
    background = ReportBackgroundSerializer(many=True, read_only=True)
    crew = ReportCrewSerializer(many=True, read_only=True)
    exceptions = ReportExceptionSerializer(many=True, read_only=True)
    events = ReportEventSerializer(many=True, read_only=True)
    costs = ReportCostItemSerializer(
        many=True, read_only=True, help_text="Only for the roles that see hot costs."
    )

    Meta = read_only_meta(
        DailyReport,
        *ReportRowSerializer.Meta.fields, "equipment_notes", "media_notes", "remarks", "units",
        "scenes", "cast", "background", "crew", "exceptions", "events", "costs",
    )  # fmt: skip

    def to_representation(self, report: DailyReport) -> dict:
        body = super().to_representation(report)
        # The day's other costs are money of the hot cost: only the roles that see the budget.
        membership = getattr(self.context.get("request"), "membership", None)
        if membership is None or not membership.can(Capability.VIEW_HOT_COSTS):
            body.pop("costs", None)
        return body

    def get_eighths_scheduled(self, report: DailyReport) -> int:
        return queries.totals(report).eighths_scheduled

    def get_eighths_shot(self, report: DailyReport) -> int:
        return queries.totals(report).eighths_shot


# --- Hot costs ------------------------------------------------------------------------------


class PlannedActualSerializer(serializers.Serializer):
    planned = serializers.DecimalField(**MONEY)
    actual = serializers.DecimalField(**MONEY)
    variance = serializers.DecimalField(**MONEY, help_text="Actual - planned: over if positive.")


class HotCostDaySerializer(serializers.Serializer):
    report = serializers.IntegerField(source="report.pk")
    shoot_day = serializers.IntegerField(source="report.shoot_day_id")
    day_number = serializers.IntegerField(source="report.shoot_day.day_number")
    date = serializers.DateField(source="report.shoot_day.date")
    state = serializers.CharField(source="report.state")
    labour = PlannedActualSerializer()
    other = PlannedActualSerializer()
    total = PlannedActualSerializer()
    cumulative = PlannedActualSerializer(
        allow_null=True, help_text="Over the signed days to this one; null for a draft."
    )


class ForecastSerializer(serializers.Serializer):
    signed_days = serializers.IntegerField()
    remaining_days = serializers.IntegerField()
    actual_to_date = serializers.DecimalField(**MONEY)
    planned_to_date = serializers.DecimalField(**MONEY)
    average = serializers.DecimalField(**MONEY, allow_null=True)
    labour = serializers.DecimalField(**MONEY, allow_null=True)
    rule = serializers.CharField()


class HotCostSummarySerializer(serializers.Serializer):
    currency = serializers.CharField()
    days = HotCostDaySerializer(many=True)
    forecast = ForecastSerializer(help_text="The shoot's labour at the signed days' rate.")
