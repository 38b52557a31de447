from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from apps.vendors.models import Invoice, PurchaseOrder, Reminder, Vendor, VendorSettings


@admin.register(Vendor)
class VendorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "production", "category", "rating"]
    list_filter = ["category"]
    search_fields = ["name"]


@admin.register(PurchaseOrder)
class PurchaseOrderAdmin(SimpleHistoryAdmin):
    list_display = ["number", "production", "vendor", "status", "send_status"]
    list_filter = ["status"]
    readonly_fields = ["number"]


@admin.register(Invoice)
class InvoiceAdmin(SimpleHistoryAdmin):
    list_display = ["number", "production", "vendor", "purchase_order", "status"]
    list_filter = ["status"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "recipient", "send_status", "text"]
    list_filter = ["kind", "send_status"]


admin.site.register(VendorSettings)
