"""Productions: the ones the caller is a member of, with their role and what it allows."""

from __future__ import annotations

from rest_framework import serializers

from apps.api.serializers import read_only_meta
from apps.productions.capabilities import capabilities_of
from apps.productions.models import Membership, Production

PRODUCTION_FIELDS = [
    "slug", "title", "format", "phase", "company_name", "currency", "time_zone", "prep_start",
    "first_shoot_day", "wrap_date", "wrap_end", "version",
]  # fmt: skip


class ProductionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Production
        fields = PRODUCTION_FIELDS
        read_only_fields = ["slug"]
        extra_kwargs = {"version": {"read_only": False, "required": True}}


class MembershipSerializer(serializers.ModelSerializer):
    """A production as one member sees it: their role there and the capabilities it holds."""

    production = ProductionSerializer(read_only=True)
    department = serializers.CharField(source="department.name", default=None, read_only=True)
    capabilities = serializers.SerializerMethodField()

    Meta = read_only_meta(Membership, "production", "role", "department", "capabilities")

    def get_capabilities(self, membership: Membership) -> list[str]:
        return sorted(capabilities_of(membership.role))
