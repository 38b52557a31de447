"""Budgets: versions with their kept totals, accounts, lines, globals, fringes, the cost report."""

from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from apps.api.serializers import read_only_meta
from apps.budgets.models import Account, BudgetVersion, DetailLine, Fringe, Global, Units
from apps.core.money import currency_choices


class VersionSerializer(serializers.ModelSerializer):
    budget = serializers.CharField(source="budget.name", read_only=True)
    is_current = serializers.SerializerMethodField()
    budget_total = serializers.DecimalField(max_digits=18, decimal_places=3, read_only=True)
    grand_total = serializers.DecimalField(max_digits=18, decimal_places=3, read_only=True)

    Meta = read_only_meta(
        BudgetVersion,
        "id", "budget", "name", "status", "currency", "origin", "created_at", "approved_at",
        "made_current_at", "is_current", "lines_total", "fringes_total", "markups_total",
        "budget_total", "grand_total",
    )  # fmt: skip

    def get_is_current(self, version: BudgetVersion) -> bool:
        return version.pk == self.context.get("current_id")


class AccountSerializer(serializers.ModelSerializer):
    category_number = serializers.CharField(source="category.number", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    section = serializers.CharField(source="category.section", read_only=True)
    fringes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    Meta = read_only_meta(
        Account,
        "id", "number", "name", "category_number", "category_name", "section", "position",
        "fringes", "subtotal", "fringe_total",
    )  # fmt: skip


class LineSerializer(serializers.ModelSerializer):
    account_number = serializers.CharField(source="account.number", read_only=True)
    fringes = serializers.SerializerMethodField()

    Meta = read_only_meta(
        DetailLine,
        "id", "account", "account_number", "position", "description", "amount_formula", "amount",
        "units", "x_formula", "x", "rate_formula", "rate", "currency", "exchange_rate", "fringes",
        "total", "fringe_total", "version",
    )  # fmt: skip

    def get_fringes(self, line: DetailLine) -> list[int]:
        return sorted(fringe.pk for fringe in line.fringes.all())


class LineWriteSerializer(serializers.Serializer):
    """A line as typed on the account page: each of amount, x and rate a number or a formula of
    the version's globals (`SHOOT_DAYS * 5`), given as text. Changing a line needs the `version`
    it was read at; a stale one is refused with 409."""

    account = serializers.IntegerField(help_text="The account's id (only when adding a line).")
    description = serializers.CharField(max_length=200)
    amount_formula = serializers.CharField(max_length=500, default="1")
    units = serializers.ChoiceField(choices=Units.choices, default=Units.ALLOW)
    x_formula = serializers.CharField(max_length=500, default="1")
    rate_formula = serializers.CharField(max_length=500, default="0")
    currency = serializers.ChoiceField(
        choices=currency_choices(), required=False, help_text="The version's when left out."
    )
    exchange_rate = serializers.DecimalField(
        max_digits=16, decimal_places=6, default=Decimal(1), min_value=Decimal("0.000001")
    )
    fringes = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text="Fringe ids; when adding a line and left out, the account's default fringes.",
    )
    version = serializers.IntegerField(
        help_text="The line's version as read (only when changing a line)."
    )


class GlobalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Global
        fields = ["id", "name", "value", "formula", "description", "follows_schedule"]
        read_only_fields = ["id", "follows_schedule"]
        extra_kwargs = {
            "name": {"validators": []},  # setting an existing name changes that global
            "value": {"required": False, "allow_null": True},
        }


class GlobalChangeSerializer(GlobalSerializer):
    """A global named by its URL: its value (a number) or formula (of other globals)."""

    class Meta(GlobalSerializer.Meta):
        read_only_fields = ["id", "name", "follows_schedule"]


class FringeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Fringe
        fields = ["id", "code", "name", "kind", "rate", "cutoff", "total"]
        read_only_fields = ["id", "total"]
        extra_kwargs = {"cutoff": {"required": False}}


class CostRowSerializer(serializers.Serializer):
    number = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    budget = serializers.DecimalField(max_digits=18, decimal_places=3)
    actual = serializers.DecimalField(max_digits=18, decimal_places=3)
    committed = serializers.DecimalField(max_digits=18, decimal_places=3)
    etc = serializers.DecimalField(max_digits=18, decimal_places=3)
    etc_entered = serializers.BooleanField()
    efc = serializers.DecimalField(max_digits=18, decimal_places=3)
    variance = serializers.DecimalField(max_digits=18, decimal_places=3)
    over = serializers.BooleanField()
    percent_spent = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)


class CostCategorySerializer(CostRowSerializer):
    accounts = CostRowSerializer(many=True, source="children")


class CostSectionSerializer(CostRowSerializer):
    categories = CostCategorySerializer(many=True, source="children")


class CostReportSerializer(serializers.Serializer):
    version = VersionSerializer()
    sections = CostSectionSerializer(many=True)
    unbudgeted = CostRowSerializer(many=True)
    total = CostRowSerializer(help_text="Lines + fringes, before markups.")
    markups = CostRowSerializer(many=True)
    with_markups = CostRowSerializer()
    contingency_drawn = serializers.DecimalField(max_digits=18, decimal_places=3)
    grand_total = serializers.DecimalField(max_digits=18, decimal_places=3)
