from apps.core import registry


class VendorsConfig(registry.DomainAppConfig):
    name = "apps.vendors"
    verbose_name = "Vendors"

    def nav(self) -> list[registry.NavItem]:
        from apps.productions.capabilities import Capability as C

        return [registry.NavItem("Vendors", "vendors:index", C.VIEW_VENDORS, 400, "truck")]

    def panels(self) -> list[registry.Panel]:
        from apps.productions.capabilities import Capability as C
        from apps.vendors.panel import panel_context

        return [
            registry.Panel(
                "purchasing", "Purchasing", "vendors/panel.html", C.VIEW_VENDORS, panel_context
            )
        ]

    def audited(self) -> list[registry.Audited]:
        from apps.vendors.models import ChangeOrder, Invoice, PurchaseOrder, Vendor

        return [
            registry.Audited(Vendor, "Vendor", lambda row: row.name),
            registry.Audited(
                PurchaseOrder,
                "Purchase order",
                lambda row: f"PO {row.number:04d} to {row.vendor.name}",
                select_related=("vendor",),
            ),
            registry.Audited(
                ChangeOrder,
                "Change order",
                lambda row: f"Change order {row.number} to PO {row.purchase_order.number:04d}",
                select_related=("purchase_order",),
            ),
            registry.Audited(
                Invoice,
                "Invoice",
                lambda row: f"Invoice {row.number} from {row.vendor.name}",
                select_related=("vendor",),
            ),
        ]

    def demo(self):
        from apps.vendors.demo import seed_demo

        return seed_demo, 400
