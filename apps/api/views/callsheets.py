"""Call sheets and what was published of them, as the call sheet pages show them."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.functional import cached_property
from rest_framework import generics

from apps.api.access import ProductionEndpoint
from apps.api.serializers import callsheets as s
from apps.callsheets.models import CallSheet, Revision
from apps.productions.capabilities import Capability as C

LATEST_FIRST = Revision.objects.only("call_sheet_id", "number", "published_at")


class CallSheetRows(ProductionEndpoint):
    read = C.VIEW_CALLSHEETS
    queryset = (
        CallSheet.objects.select_related("shoot_day")
        .prefetch_related(Prefetch("revisions", queryset=LATEST_FIRST))
        .order_by("shoot_day__position")
    )
    serializer_class = s.CallSheetSerializer


class CallSheets(CallSheetRows, generics.ListAPIView):
    """Every call sheet in shoot-day order, with its published revisions."""


class CallSheetDetail(CallSheetRows, generics.RetrieveAPIView):
    """One call sheet, with its published revisions."""


class RevisionDetail(ProductionEndpoint, generics.RetrieveAPIView):
    """One published revision of a call sheet: the sheet as it was sent."""

    read = C.VIEW_CALLSHEETS
    queryset = Revision.objects.all()
    serializer_class = s.RevisionSerializer
    lookup_field = "number"

    @cached_property
    def call_sheet(self) -> CallSheet:
        return self.in_production(CallSheet.objects.all(), pk=self.kwargs["pk"])

    def narrow(self, rows):
        return rows.filter(call_sheet=self.call_sheet)
