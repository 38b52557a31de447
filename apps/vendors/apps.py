from django.apps import AppConfig


class VendorsConfig(AppConfig):
    name = "apps.vendors"
    verbose_name = "Vendors"

    def ready(self) -> None:
        from apps.productions import audit
        from apps.productions.capabilities import Capability as C
        from apps.productions.dashboard import NavItem, Panel, register_nav, register_panel
        from apps.productions.demo import register_demo_seeder
        from apps.vendors.demo import seed_demo
        from apps.vendors.models import Invoice, PurchaseOrder, Vendor
        from apps.vendors.queries import panel_context

        audit.register(
            Vendor, production_field="production_id", label="Vendor", describe=lambda row: row.name
        )
        audit.register(
            PurchaseOrder,
            production_field="production_id",
            label="Purchase order",
            describe=lambda row: f"PO {row.number:04d} to {row.vendor.name}",
            select_related=("vendor",),
        )
        audit.register(
            Invoice,
            production_field="production_id",
            label="Invoice",
            describe=lambda row: f"Invoice {row.number} from {row.vendor.name}",
            select_related=("vendor",),
        )
        register_nav(NavItem("Vendors", "vendors:index", C.VIEW_VENDORS, 400, "truck"))
        register_panel(
            Panel(
                key="purchasing",
                title="Purchasing",
                template="vendors/panel.html",
                capability=C.VIEW_VENDORS,
                context=panel_context,
            )
        )
        register_demo_seeder(seed_demo, order=400)
