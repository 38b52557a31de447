"""Crew: the directory, engagements and deal memos. Phones and emergency contacts are in the
answer only for members who may see them (VIEW_CREW_CONTACTS), as on the pages."""

from __future__ import annotations

from rest_framework import serializers

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


class EngagementSerializer(serializers.ModelSerializer):
    person = serializers.SerializerMethodField()
    position = serializers.CharField(source="position.title", read_only=True)
    department = serializers.CharField(source="department.name", read_only=True)

    class Meta:
        model = Engagement
        fields = [
            "id", "person", "position", "department", "start_date", "end_date", "last_day",
            "released_at", "release_reason", "deal_memo",
        ]  # fmt: skip
        read_only_fields = fields

    def get_person(self, engagement: Engagement) -> dict:
        return {"id": engagement.person_id, "name": engagement.person.name}


class DealMemoSerializer(serializers.ModelSerializer):
    person = serializers.SerializerMethodField()
    position = serializers.CharField(source="position.title", read_only=True)
    department = serializers.CharField(source="position.department.name", read_only=True)

    class Meta:
        model = DealMemo
        fields = [
            "id", "person", "position", "department", "state", "rate", "unit", "guarantee",
            "overtime_after", "double_time_after", "kit_rental", "per_diem", "start_date",
            "end_date", "union_status", "notes", "version", "created_at", "accepted_at",
            "countersigned_at", "voided_at", "committed_account", "committed_amount",
        ]  # fmt: skip
        read_only_fields = fields

    def get_person(self, memo: DealMemo) -> dict:
        return {"id": memo.person_id, "name": memo.person.name}
