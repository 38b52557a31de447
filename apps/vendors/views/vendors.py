"""Vendors, contacts, certificates and quotes."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Max
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.core.exports import attach
from apps.core.view_helpers import run_service
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url
from apps.vendors import queries, services
from apps.vendors.forms import (
    CertificateForm,
    ContactForm,
    QuoteForm,
    QuoteRequestForm,
    VendorForm,
)
from apps.vendors.models import (
    Category,
    Certificate,
    PurchaseOrder,
    Quote,
    QuoteRequest,
    Vendor,
)
from apps.vendors.queries import certificate_state
from apps.vendors.views.common import run_action

QUOTES_CLOSED = "A quote was already chosen: this request takes no more quotes."


@production_view(C.VIEW_VENDORS)
def index(request: ProductionRequest) -> HttpResponse:
    vendors = queries.vendors_for(request.production).order_by("name")
    category = request.GET.get("category", "")
    if category in Category.values:
        vendors = vendors.filter(category=category)
    today = request.production.today()
    rows = [(v, queries.certificate_state(v.certificate_expires, today)) for v in vendors]
    return render(
        request,
        "vendors/index.html",
        {"rows": rows, "categories": Category.choices, "category": category},
    )


@production_view(C.MANAGE_VENDORS)
def vendor_create(request: ProductionRequest) -> HttpResponse:
    form = VendorForm(request.POST or None, production=request.production)
    if request.method == "POST" and form.is_valid():
        form.instance.production = request.production
        vendor = form.save()
        messages.success(request, f"{vendor} added.")
        return redirect(vendor)
    return render(request, "vendors/form.html", {"form": form, "title": "New vendor"})


@production_view(C.MANAGE_VENDORS)
def vendor_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    vendor = get_object_or_404(Vendor, production=request.production, pk=pk)
    form = VendorForm(request.POST or None, instance=vendor, production=request.production)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{vendor} saved.")
        return redirect(vendor)
    return render(request, "vendors/form.html", {"form": form, "title": f"Edit {vendor}"})


@production_view(C.VIEW_VENDORS)
def vendor_detail(request: ProductionRequest, pk: int) -> HttpResponse:
    production = request.production
    vendor = get_object_or_404(Vendor, production=production, pk=pk)
    today = production.today()
    certificates = [(c, c.status(today)) for c in vendor.certificates.all()]
    return render(
        request,
        "vendors/vendor_detail.html",
        {
            "vendor": vendor,
            "contacts": vendor.contacts.all(),
            "certificates": certificates,
            "pos": queries.purchase_orders_for(production).filter(vendor=vendor),
            "rentals": queries.rentals_for(production).filter(vendor=vendor),
            "invoices": queries.invoices_for(production).filter(vendor=vendor),
            "contact_form": ContactForm(),
            "certificate_form": CertificateForm(),
            "today": today,
        },
    )


@production_view(C.MANAGE_VENDORS)
@require_POST
def contact_add(request: ProductionRequest, pk: int) -> HttpResponse:
    vendor = get_object_or_404(Vendor, production=request.production, pk=pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        form.instance.vendor = vendor
        form.instance.production = request.production
        form.save()
        messages.success(request, "Contact added.")
    else:
        messages.error(request, "The contact needs a name (and a valid e-mail, if any).")
    return redirect(vendor)


@production_view(C.MANAGE_VENDORS)
@require_POST
def certificate_upload(request: ProductionRequest, pk: int) -> HttpResponse:
    vendor = get_object_or_404(Vendor, production=request.production, pk=pk)
    form = CertificateForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose a file and give its expiry date.")
        return redirect(vendor)
    data = form.cleaned_data
    return run_action(
        request,
        lambda: services.certificate_upload(
            vendor=vendor,
            upload=data["file"],
            expires_on=data["expires_on"],
            insurer=data["insurer"],
            user=request.user,
        ),
        "Certificate of insurance uploaded.",
        vendor,
    )


@production_view(C.VIEW_VENDORS)
def certificate_file(request: ProductionRequest, pk: int) -> HttpResponse:
    certificate = get_object_or_404(Certificate, production=request.production, pk=pk)
    try:
        handle = certificate.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is gone.") from exc
    response = FileResponse(handle, content_type=certificate.content_type)
    attach(response, f"certificate-{certificate.pk}", inline=True)
    response["Cache-Control"] = "private, no-store"
    return response


@production_view(C.VIEW_VENDORS, C.MANAGE_VENDORS)
def quote_requests(request: ProductionRequest) -> HttpResponse:
    form = QuoteRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.production = request.production
        need = form.save()
        messages.success(request, f"Quote request “{need}” opened: add the vendors' quotes.")
        return redirect(production_url(request, "vendors:quote_request", pk=need.pk))
    needs = (
        QuoteRequest.objects.filter(production=request.production)
        .select_related("chosen__vendor")
        .prefetch_related("quotes")
    )
    return render(request, "vendors/quote_requests.html", {"needs": needs, "form": form})


@production_view(C.VIEW_VENDORS, C.MANAGE_VENDORS)
def quote_request(request: ProductionRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(QuoteRequest, production=request.production, pk=pk)
    form = QuoteForm(request.POST or None, production=request.production)
    if request.method == "POST":
        if need.chosen_id is not None:
            messages.error(request, QUOTES_CLOSED)
            return redirect(production_url(request, "vendors:quote_request", pk=need.pk))
        if form.is_valid():
            Quote.objects.update_or_create(
                request=need,
                vendor=form.cleaned_data["vendor"],
                defaults={
                    "production": request.production,
                    "amount": form.cleaned_data["amount"],
                    "terms": form.cleaned_data["terms"],
                    "valid_until": form.cleaned_data["valid_until"],
                    "received_on": request.production.today(),
                },
            )
            messages.success(request, f"Quote from {form.cleaned_data['vendor']} saved.")
            return redirect(production_url(request, "vendors:quote_request", pk=need.pk))
    today = request.production.today()
    quotes = [
        (quote, certificate_state(quote.certificate_expires, today))
        for quote in need.quotes.select_related("vendor")
        .annotate(certificate_expires=Max("vendor__certificates__expires_on"))
        .order_by("amount")
    ]
    po = PurchaseOrder.objects.filter(quote_id=need.chosen_id).first() if need.chosen_id else None
    return render(
        request,
        "vendors/quote_request.html",
        {"need": need, "quotes": quotes, "form": form, "po": po},
    )


@production_view(C.MANAGE_VENDORS)
@require_POST
def quote_choose(request: ProductionRequest, pk: int) -> HttpResponse:
    quote = get_object_or_404(Quote, production=request.production, pk=pk)
    chosen = run_service(request, services.quote_choose, quote=quote, user=request.user)
    if not chosen:
        return redirect(production_url(request, "vendors:quote_request", pk=quote.request_id))
    po = chosen.value
    messages.success(request, f"{quote.vendor} chosen: {po.label} drafted.")
    return redirect(po)
