from django.urls import path

from apps.vendors.views import invoices, orders, rentals, reports, vendors

app_name = "vendors"

urlpatterns = [
    path("", vendors.index, name="index"),
    path("new/", vendors.vendor_create, name="vendor_create"),
    path("<int:pk>/", vendors.vendor_detail, name="vendor_detail"),
    path("<int:pk>/edit/", vendors.vendor_edit, name="vendor_edit"),
    path("<int:pk>/contacts/", vendors.contact_add, name="contact_add"),
    path("<int:pk>/certificates/", vendors.certificate_upload, name="certificate_upload"),
    path("certificates/<int:pk>/", vendors.certificate_file, name="certificate_file"),
    path("quotes/", vendors.quote_requests, name="quote_requests"),
    path("quotes/<int:pk>/", vendors.quote_request, name="quote_request"),
    path("quotes/choose/<int:pk>/", vendors.quote_choose, name="quote_choose"),
    path("orders/", orders.po_list, name="po_list"),
    path("orders/new/", orders.po_create, name="po_create"),
    path("orders/<int:pk>/", orders.po_detail, name="po_detail"),
    path("orders/<int:pk>/lines/", orders.po_line_add, name="po_line_add"),
    path("orders/lines/<int:pk>/delete/", orders.po_line_delete, name="po_line_delete"),
    path("orders/<int:pk>/submit/", orders.po_submit, name="po_submit"),
    path("orders/<int:pk>/approve/", orders.po_approve, name="po_approve"),
    path("orders/<int:pk>/send/", orders.po_send, name="po_send"),
    path("orders/<int:pk>/receive/", orders.po_receive, name="po_receive"),
    path("orders/<int:pk>/close/", orders.po_close, name="po_close"),
    path("orders/<int:pk>/void/", orders.po_void, name="po_void"),
    path("orders/<int:pk>/pdf/", orders.po_pdf, name="po_pdf"),
    path("rentals/", rentals.rentals, name="rentals"),
    path("rentals/<int:pk>/", rentals.rental_detail, name="rental"),
    path("invoices/", invoices.invoices, name="invoices"),
    path("invoices/new/", invoices.invoice_create, name="invoice_create"),
    path("invoices/<int:pk>/", invoices.invoice_detail, name="invoice"),
    path("invoices/<int:pk>/lines/", invoices.invoice_line_add, name="invoice_line_add"),
    path("invoices/<int:pk>/approve/", invoices.invoice_approve, name="invoice_approve"),
    path("invoices/<int:pk>/reject/", invoices.invoice_reject, name="invoice_reject"),
    path("reports/", reports.reports, name="reports"),
    path("reports/<slug:report>/export/", reports.report_export, name="report_export"),
    path("settings/", reports.vendor_settings, name="settings"),
]
