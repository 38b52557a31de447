"""Closed cost report periods: each with its EFC, and one with every row of its frozen report
(read only: closing is the page's)."""

from __future__ import annotations

from rest_framework import serializers

from apps.api.serializers import read_only_meta
from apps.budgets.models import CostPeriod, CostPeriodLine

MONEY = {"max_digits": 18, "decimal_places": 3}


class PeriodSerializer(serializers.ModelSerializer):
    efc = serializers.DecimalField(**MONEY, read_only=True, allow_null=True)
    change = serializers.DecimalField(
        **MONEY, read_only=True, allow_null=True, help_text="EFC - the previous period's EFC."
    )

    Meta = read_only_meta(
        CostPeriod,
        "id", "week_ending", "version_name", "currency", "closed_at", "closed_by_name",
        "previous", "efc", "change",
    )  # fmt: skip


class PeriodLineSerializer(serializers.ModelSerializer):
    Meta = read_only_meta(
        CostPeriodLine,
        "position", "key", "level", "number", "name", "parent", "budget", "actual", "committed",
        "etc", "etc_entered", "efc", "variance", "previous_efc", "change", "note",
    )  # fmt: skip


class PeriodDetailSerializer(PeriodSerializer):
    lines = PeriodLineSerializer(many=True, read_only=True)

    Meta = read_only_meta(CostPeriod, *PeriodSerializer.Meta.fields, "lines")
