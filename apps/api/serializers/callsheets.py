"""Call sheets and their published revisions (read only: drafting and publishing are the call
sheet page's)."""

from __future__ import annotations

from rest_framework import serializers

from apps.api.serializers import read_only_meta
from apps.callsheets.models import CallSheet, Revision
from apps.callsheets.sheet import SCHEMA_VERSION


class RevisionSummarySerializer(serializers.ModelSerializer):
    Meta = read_only_meta(Revision, "number", "published_at")


class CallSheetSerializer(serializers.ModelSerializer):
    day_number = serializers.IntegerField(source="shoot_day.day_number", read_only=True)
    date = serializers.DateField(source="shoot_day.date", read_only=True)
    revisions = serializers.SerializerMethodField()

    Meta = read_only_meta(
        CallSheet,
        "id", "shoot_day", "day_number", "date", "general_call", "shooting_call", "breakfast",
        "lunch", "weather", "version", "revisions",
    )  # fmt: skip

    def get_revisions(self, sheet: CallSheet) -> list[dict]:
        """Published revisions, the latest first."""
        rows = sorted(sheet.revisions.all(), key=lambda r: -r.number)
        return RevisionSummarySerializer(rows, many=True).data


class RevisionSerializer(serializers.ModelSerializer):
    schema_version = serializers.SerializerMethodField()
    sheet = serializers.SerializerMethodField(
        help_text="The sheet as it was published and sent, in the current layout."
    )

    Meta = read_only_meta(Revision, "number", "published_at", "schema_version", "sheet")

    def get_schema_version(self, revision: Revision) -> int:
        return SCHEMA_VERSION

    def get_sheet(self, revision: Revision) -> dict:
        return revision.sheet.to_json()
