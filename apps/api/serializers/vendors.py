"""Vendors, purchase orders and invoices."""

from __future__ import annotations

from rest_framework import serializers

from apps.api.serializers import read_only_meta
from apps.vendors.models import Invoice, InvoiceLine, PurchaseOrder, PurchaseOrderLine, Vendor

MONEY = {"max_digits": 18, "decimal_places": 3, "read_only": True}


class VendorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Vendor
        fields = [
            "id", "name", "category", "email", "phone", "address", "payment_terms",
            "tax_form_on_file", "rating", "notes", "created_at",
        ]  # fmt: skip
        read_only_fields = ["id", "created_at"]


class POLineSerializer(serializers.ModelSerializer):
    Meta = read_only_meta(
        PurchaseOrderLine,
        "id", "account_number", "description", "quantity", "unit_price", "amount",
        "received_quantity",
    )  # fmt: skip


class PurchaseOrderSerializer(serializers.ModelSerializer):
    vendor_name = serializers.CharField(source="vendor.name", read_only=True)
    total = serializers.DecimalField(**MONEY)

    Meta = read_only_meta(
        PurchaseOrder,
        "id", "number", "vendor", "vendor_name", "description", "deliver_on", "status", "total",
        "approved_total", "revision", "created_at", "submitted_at", "approved_at", "closed_at",
        "void_reason", "send_status",
    )  # fmt: skip


class PurchaseOrderDetailSerializer(PurchaseOrderSerializer):
    lines = POLineSerializer(many=True, read_only=True)

    Meta = read_only_meta(PurchaseOrder, *PurchaseOrderSerializer.Meta.fields, "lines")


class PurchaseOrderCreateSerializer(serializers.Serializer):
    """A new draft purchase order to a vendor; lines are added on its page."""

    vendor = serializers.IntegerField(help_text="The vendor's id.")
    description = serializers.CharField(max_length=200)
    deliver_on = serializers.DateField(required=False, allow_null=True)


class InvoiceLineSerializer(serializers.ModelSerializer):
    Meta = read_only_meta(InvoiceLine, "id", "account_number", "description", "amount")


class InvoiceSerializer(serializers.ModelSerializer):
    vendor_name = serializers.CharField(source="vendor.name", read_only=True)
    purchase_order_number = serializers.IntegerField(
        source="purchase_order.number", default=None, read_only=True
    )
    total = serializers.DecimalField(**MONEY)

    Meta = read_only_meta(
        Invoice,
        "id", "vendor", "vendor_name", "purchase_order", "purchase_order_number", "number", "date",
        "due_on", "status", "total", "approved_at", "notes",
    )  # fmt: skip


class InvoiceDetailSerializer(InvoiceSerializer):
    lines = InvoiceLineSerializer(many=True, read_only=True)

    Meta = read_only_meta(Invoice, *InvoiceSerializer.Meta.fields, "lines")
