"""Budget versions, accounts, lines, globals, fringes and the cost report.

Lines, globals and fringes change through apps.budgets.services, as on the account, globals and
fringes pages: totals are worked out again in the same transaction, a locked or submitted version
refuses (409), and a line changes only from the version it was read at (409 when someone saved
it since).
"""

from __future__ import annotations

from django.utils.functional import cached_property
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from apps.api.access import ProductionEndpoint
from apps.api.filtering import filterset
from apps.api.serializers import budgets as s
from apps.budgets import queries, services
from apps.budgets.models import Account, BudgetVersion, DetailLine, Fringe, Global
from apps.productions.capabilities import Capability as C

NO_BUDGET = "This production has no budget yet."
NO_ACCOUNT = "This version has no account with that id."
NEW_LINE_NEEDS = ("account", "description")
NO_FRINGE = "This version has no fringe with the id(s) {ids}."


class VersionEndpoint(ProductionEndpoint):
    """Everything under /budget/versions/<version_id>/ is fetched through that version."""

    read, write = C.VIEW_BUDGET, C.EDIT_BUDGET
    ordering: tuple[str, ...] = ()

    @cached_property
    def version(self) -> BudgetVersion:
        versions = BudgetVersion.objects.select_related("budget")
        return self.in_production(versions, pk=self.kwargs["version_id"])

    def narrow(self, rows):
        rows = rows.filter(budget_version=self.version)
        return rows.order_by(*self.ordering) if self.ordering else rows


class VersionRows(ProductionEndpoint):
    read = C.VIEW_BUDGET
    queryset = BudgetVersion.objects.select_related("budget").order_by("created_at", "id")
    serializer_class = s.VersionSerializer
    filterset_fields = ["status"]

    def get_serializer_context(self) -> dict:
        current = None if getattr(self, "swagger_fake_view", False) else self._current()
        return {**super().get_serializer_context(), "current_id": current}

    def _current(self) -> int | None:
        version = queries.current_version(self.request.production)
        return version.pk if version else None


class Versions(VersionRows, generics.ListAPIView):
    """The production's budget versions with their kept totals; `is_current` marks the one the
    cost report follows."""


class Version(VersionRows, generics.RetrieveAPIView):
    """One budget version with its kept totals."""

    lookup_url_kwarg = "version_id"


AccountFilter = filterset(
    Account,
    category=filters.CharFilter(field_name="category__number", help_text="Category number."),
    section=filters.CharFilter(field_name="category__section"),
    number=filters.CharFilter(),
)


class Accounts(VersionEndpoint, generics.ListAPIView):
    """The version's chart of accounts, with each account's kept subtotal and fringes."""

    queryset = Account.objects.select_related("category").prefetch_related("fringes")
    serializer_class = s.AccountSerializer
    filterset_class = AccountFilter
    ordering = ("category__position", "position", "number")


LineFilter = filterset(
    DetailLine,
    account=filters.NumberFilter(help_text="Account id."),
    account_number=filters.CharFilter(field_name="account__number"),
    search=filters.CharFilter(field_name="description", lookup_expr="icontains"),
)


def _line_values(data: dict, version: BudgetVersion, line: DetailLine | None = None):
    """The service's LineValues from the request, a line's own values filling what a PATCH
    leaves out. Fringes must be the version's own."""
    unknown = set(data.get("fringes", ())) - set(version.fringes.values_list("pk", flat=True))
    if unknown:
        raise ValidationError({"fringes": [NO_FRINGE.format(ids=sorted(unknown))]})
    current_fringes = tuple(f.pk for f in line.fringes.all()) if line else ()
    return services.LineValues(
        description=data.get("description", line.description if line else ""),
        amount_formula=data.get("amount_formula", line.amount_formula if line else "1"),
        units=data.get("units", line.units if line else "allow"),
        x_formula=data.get("x_formula", line.x_formula if line else "1"),
        rate_formula=data.get("rate_formula", line.rate_formula if line else "0"),
        currency=data.get("currency", line.currency if line else version.currency),
        exchange_rate=data.get("exchange_rate", line.exchange_rate if line else 1),
        fringe_ids=tuple(data.get("fringes", current_fringes)),
    )


class Lines(VersionEndpoint, generics.ListCreateAPIView):
    """The version's detail lines (filter by account); POST adds a line to an account."""

    queryset = DetailLine.objects.select_related("account").prefetch_related("fringes")
    serializer_class = s.LineSerializer
    filterset_class = LineFilter
    ordering = ("account__position", "account__number", "position")

    def get_serializer_class(self):
        return s.LineWriteSerializer if self.request.method == "POST" else s.LineSerializer

    @extend_schema(request=s.LineWriteSerializer, responses={201: s.LineSerializer})
    def post(self, request, *args, **kwargs) -> Response:
        data = self.incoming(s.LineWriteSerializer, partial=True, required=NEW_LINE_NEEDS)
        account = (
            Account.objects.select_related("budget_version")
            .filter(budget_version=self.version, pk=data["account"])
            .first()
        )
        if account is None:
            return Response({"account": [NO_ACCOUNT]}, status=status.HTTP_400_BAD_REQUEST)
        line = services.line_create(account=account, values=_line_values(data, self.version))
        return Response(s.LineSerializer(line).data, status=status.HTTP_201_CREATED)


class Line(VersionEndpoint, generics.RetrieveUpdateDestroyAPIView):
    """One line. PUT or PATCH changes it from the `version` it was read at (409 when someone saved
    it since: read it again, then change it); DELETE removes it."""

    queryset = DetailLine.objects.select_related("account", "budget_version")
    serializer_class = s.LineSerializer
    lookup_url_kwarg = "line_id"

    def get_serializer_class(self):
        writes = self.request.method in ("PUT", "PATCH")
        return s.LineWriteSerializer if writes else s.LineSerializer

    @extend_schema(request=s.LineWriteSerializer, responses=s.LineSerializer)
    def put(self, request, *args, **kwargs) -> Response:
        return self._change(request, partial=False)

    @extend_schema(request=s.LineWriteSerializer, responses=s.LineSerializer)
    def patch(self, request, *args, **kwargs) -> Response:
        return self._change(request, partial=True)

    def _change(self, request, *, partial: bool) -> Response:
        line = self.get_object()
        needed = ("version",) if partial else ("version", "description")
        data = self.incoming(s.LineWriteSerializer, partial=True, required=needed)
        line = services.line_update(
            line=line,
            values=_line_values(data, self.version, line),
            expected_version=data["version"],
        )
        return Response(s.LineSerializer(line).data)

    def perform_destroy(self, instance: DetailLine) -> None:
        services.line_delete(line=instance)


class GlobalRows(VersionEndpoint):
    queryset = Global.objects.all()
    serializer_class = s.GlobalSerializer

    def _set(self, data: dict, name: str, current: Global | None = None) -> Global:
        """A value replaces a formula and a formula a value; a change giving neither (only a
        description) keeps the global's own."""
        keep = current is not None and "value" not in data and "formula" not in data
        return services.global_set(
            version=self.version,
            name=name,
            value=current.value if keep else data.get("value"),
            formula=current.formula if keep else data.get("formula", ""),
            description=data.get("description"),
        )


class Globals(GlobalRows, generics.ListCreateAPIView):
    """The version's globals. POST sets one by name (a new one, or a new value or formula for an
    existing one); every line and global that reads it is worked out again."""

    pagination_class = None

    def perform_create(self, serializer) -> None:
        data = serializer.validated_data
        serializer.instance = self._set(data, data["name"])


class GlobalDetail(GlobalRows, generics.RetrieveUpdateDestroyAPIView):
    """One global by name. PUT or PATCH sets its value or formula; DELETE removes it if no line
    reads it."""

    serializer_class = s.GlobalChangeSerializer
    lookup_field, lookup_url_kwarg = "name", "global_name"

    def perform_update(self, serializer) -> None:
        current = serializer.instance
        serializer.instance = self._set(serializer.validated_data, current.name, current)

    def perform_destroy(self, instance: Global) -> None:
        services.global_delete(item=instance)


class FringeRows(VersionEndpoint):
    queryset = Fringe.objects.all()
    serializer_class = s.FringeSerializer

    def _save(self, data: dict, fringe: Fringe | None = None) -> Fringe:
        def given(name: str):
            return data[name] if name in data else getattr(fringe, name, None)

        return services.fringe_save(
            version=self.version,
            fringe=fringe,
            code=given("code"),
            name=given("name"),
            kind=given("kind") or Fringe.Kind.PERCENT,
            rate=given("rate"),
            cutoff=given("cutoff"),
        )


class Fringes(FringeRows, generics.ListCreateAPIView):
    """The version's fringes with their kept totals; POST adds one."""

    pagination_class = None

    def perform_create(self, serializer) -> None:
        serializer.instance = self._save(serializer.validated_data)


class FringeDetail(FringeRows, generics.RetrieveUpdateDestroyAPIView):
    """One fringe. PUT or PATCH changes it (its lines are worked out again); DELETE removes it."""

    lookup_url_kwarg = "fringe_id"

    def perform_update(self, serializer) -> None:
        serializer.instance = self._save(serializer.validated_data, fringe=serializer.instance)

    def perform_destroy(self, instance: Fringe) -> None:
        services.fringe_delete(fringe=instance)


class CostReport(ProductionEndpoint, generics.GenericAPIView):
    """The cost report of the current version: budget (lines + fringes), actual, committed, ETC,
    EFC and variance per account, category and section, then the markups and the totals."""

    read = C.VIEW_COST_REPORT
    serializer_class = s.CostReportSerializer

    def get(self, request, *args, **kwargs) -> Response:
        report = queries.cost_report(request.production)
        if report is None:
            return Response({"detail": NO_BUDGET}, status=status.HTTP_404_NOT_FOUND)
        # The report follows the current version, by definition.
        context = {"current_id": report.version.pk}
        return Response(s.CostReportSerializer(report, context=context).data)
