"""Crew: the directory, engagements and deal memos. Phones and emergency contacts are in the
answer only for members who may see them (VIEW_CREW_CONTACTS), as on the pages."""

from __future__ import annotations

from rest_framework import serializers

from apps.api.serializers import read_only_meta
from apps.crew.models import DealMemo, Engagement, Person

CONTACT_FIELDS = ("phone", "emergency_contact", "emergency_phone")


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "name", "email", *CONTACT_FIELDS, "union", "notes", "created_at"]
        read_only_fields = ["id", "created_at"]

    def to_representation(self, person: Person) -> dict:
        data = super().to_representation(person)
        if not self.context.get("show_contacts", False):
            for name in CONTACT_FIELDS:
                data.pop(name, None)
        return data


class PersonRefSerializer(serializers.ModelSerializer):
    Meta = read_only_meta(Person, "id", "name")


class HireSerializer(serializers.ModelSerializer):
    """Who was hired, and as what."""

    person = PersonRefSerializer(read_only=True)
    position = serializers.CharField(source="position.title", read_only=True)


class EngagementSerializer(HireSerializer):
    department = serializers.CharField(source="department.name", read_only=True)

    Meta = read_only_meta(
        Engagement,
        "id", "person", "position", "department", "start_date", "end_date", "last_day",
        "released_at", "release_reason", "deal_memo",
    )  # fmt: skip


class DealMemoSerializer(HireSerializer):
    department = serializers.CharField(source="position.department.name", read_only=True)

    Meta = read_only_meta(
        DealMemo,
        "id", "person", "position", "department", "state", "rate", "unit", "guarantee",
        "overtime_after", "double_time_after", "kit_rental", "per_diem", "start_date", "end_date",
        "union_status", "notes", "version", "created_at", "accepted_at", "countersigned_at",
        "voided_at", "committed_account", "committed_amount",
    )  # fmt: skip
