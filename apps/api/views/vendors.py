"""Vendors, purchase orders and invoices. A vendor is added or changed through the vendor page's
own form (the same checks: one name per production); a purchase order is drafted through
`services.po_create`, and goes on (lines, approval, sending) on its page."""

from __future__ import annotations

from django.db.models import Prefetch
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from apps.api.access import ProductionEndpoint
from apps.api.errors import form_refusal
from apps.api.filtering import filterset
from apps.api.serializers import vendors as s
from apps.productions.capabilities import Capability as C
from apps.vendors import queries, services
from apps.vendors.forms import VendorForm
from apps.vendors.models import Invoice, PurchaseOrder, PurchaseOrderLine, Vendor

NO_VENDOR = "This production has no vendor with that id."


class VendorEndpoint(ProductionEndpoint):
    read, write = C.VIEW_VENDORS, C.MANAGE_VENDORS


class VendorRows(VendorEndpoint):
    queryset = Vendor.objects.order_by("name", "pk")
    serializer_class = s.VendorSerializer

    def rows(self, production):
        return queries.vendors_for(production).order_by("name", "pk")

    def save_form(self, vendor: Vendor) -> Vendor:
        """The vendor page's form, given the vendor's values with the request's over them."""
        current = {name: getattr(vendor, name) for name in VendorForm.Meta.fields}
        data = {**current, **self.request.data}
        form = VendorForm(data, instance=vendor, production=self.request.production)
        if not form.is_valid():
            raise form_refusal(form)
        return form.save()


VendorFilter = filterset(
    Vendor,
    ("category",),
    q=filters.CharFilter(field_name="name", lookup_expr="icontains"),
)


class Vendors(VendorRows, generics.ListCreateAPIView):
    """The production's vendors; POST adds one."""

    filterset_class = VendorFilter

    def perform_create(self, serializer) -> None:
        serializer.instance = self.save_form(Vendor(production=self.request.production))


class VendorDetail(VendorRows, generics.RetrieveUpdateAPIView):
    """One vendor. PUT or PATCH changes the fields given."""

    def perform_update(self, serializer) -> None:
        serializer.instance = self.save_form(serializer.instance)


POFilter = filterset(
    PurchaseOrder,
    ("status", "vendor"),
    q=filters.CharFilter(field_name="description", lookup_expr="icontains"),
)


class PORows(VendorEndpoint):
    queryset = PurchaseOrder.objects.all()

    def rows(self, production):
        return queries.purchase_orders_for(production).order_by("-number")


class PurchaseOrders(PORows, generics.ListCreateAPIView):
    """Purchase orders with their totals, newest first; POST drafts one to a vendor."""

    filterset_class = POFilter
    serializer_class = s.PurchaseOrderSerializer

    def get_serializer_class(self):
        if self.request.method == "POST":
            return s.PurchaseOrderCreateSerializer
        return s.PurchaseOrderSerializer

    @extend_schema(
        request=s.PurchaseOrderCreateSerializer, responses={201: s.PurchaseOrderDetailSerializer}
    )
    def post(self, request, *args, **kwargs) -> Response:
        data = self.incoming(s.PurchaseOrderCreateSerializer)
        vendor = Vendor.objects.filter(production=request.production, pk=data["vendor"]).first()
        if vendor is None:
            return Response({"vendor": [NO_VENDOR]}, status=status.HTTP_400_BAD_REQUEST)
        po = services.po_create(
            production=request.production,
            vendor=vendor,
            description=data["description"],
            deliver_on=data.get("deliver_on"),
            user=request.user,
        )
        created = self.detail_rows().get(pk=po.pk)
        return Response(s.PurchaseOrderDetailSerializer(created).data, status.HTTP_201_CREATED)

    def detail_rows(self):
        return PurchaseOrderDetail.lines_with(self.get_queryset())


class PurchaseOrderDetail(PORows, generics.RetrieveAPIView):
    """One purchase order with its lines."""

    serializer_class = s.PurchaseOrderDetailSerializer

    @staticmethod
    def lines_with(rows):
        return rows.prefetch_related(
            Prefetch("lines", queryset=PurchaseOrderLine.objects.order_by("id"))
        )

    def narrow(self, rows):
        return self.lines_with(rows)


class InvoiceRows(VendorEndpoint):
    read = C.VIEW_VENDORS
    queryset = Invoice.objects.all()

    def rows(self, production):
        return queries.invoices_for(production).order_by("-date", "-pk")


class Invoices(InvoiceRows, generics.ListAPIView):
    """Invoices with their totals, newest first."""

    serializer_class = s.InvoiceSerializer
    filterset_fields = ["status", "vendor", "purchase_order"]


class InvoiceDetail(InvoiceRows, generics.RetrieveAPIView):
    """One invoice with its lines."""

    serializer_class = s.InvoiceDetailSerializer

    def narrow(self, rows):
        return rows.prefetch_related("lines")
