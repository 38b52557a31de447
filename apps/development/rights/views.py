"""Rights and options: the list, an option with its extensions, chain-of-title documents and the
reminders sent about it."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from apps.core.exports import export_response
from apps.core.view_helpers import run_service
from apps.development.files import serve
from apps.development.forms import ChainDocumentForm, ExtensionForm, OptionForm
from apps.development.rights import services
from apps.development.rights.models import ChainDocument, Extension, Option, OptionReminder
from apps.productions.access import ProductionRequest, production_view
from apps.productions.capabilities import Capability as C
from apps.productions.links import production_url

VIEW, EDIT = C.VIEW_DEVELOPMENT, C.EDIT_DEVELOPMENT

EXPORT_HEADER = [
    "Underlying material", "Grantor", "Option from", "Option until", "Expires (with extensions)",
    "Option fee", "Extension fees", "Purchase price", "Currency",
]  # fmt: skip


def _options(request: ProductionRequest):
    return Option.objects.filter(production=request.production).prefetch_related("extensions")


def _rows(options) -> list[tuple]:
    rows = []
    for option in options:
        extensions = list(option.extensions.all())
        fees = sum((e.fee for e in extensions), start=option.option_fee * 0)
        rows.append((option, option.expires_on(extensions), fees))
    return rows


@production_view(VIEW)
def rights(request: ProductionRequest) -> HttpResponse:
    context = {
        "rows": _rows(_options(request)),
        "today": request.production.today(),
        "active": "rights",
    }
    return render(request, "development/rights.html", context)


@production_view(VIEW)
def rights_export(request: ProductionRequest, fmt: str) -> HttpResponse:
    currency = request.production.currency
    rows = [
        [o.material, o.grantor, o.option_start, o.option_end, expires, o.option_fee, fees,
         o.purchase_price, currency]
        for o, expires, fees in _rows(_options(request))
    ]  # fmt: skip
    return export_response(
        "xlsx" if fmt == "xlsx" else "csv",
        f"{request.production.slug}-rights",
        EXPORT_HEADER,
        rows,
        currency=currency,
        money_columns=(5, 6, 7),
    )


EXTENSIONS_HEADER = [
    "Underlying material", "Agreed on", "Extended until", "Extension fee", "Currency",
]  # fmt: skip


@production_view(VIEW)
def extensions_export(request: ProductionRequest, pk: int, fmt: str) -> HttpResponse:
    item = _option(request, pk)
    currency = request.production.currency
    rows = [[item.material, e.agreed_on, e.new_end, e.fee, currency] for e in item.extensions.all()]
    return export_response(
        "xlsx" if fmt == "xlsx" else "csv",
        f"{request.production.slug}-option-{item.pk}-extensions",
        EXTENSIONS_HEADER,
        rows,
        currency=currency,
        money_columns=(3,),
    )


def _option(request: ProductionRequest, pk: int) -> Option:
    return get_object_or_404(
        Option.objects.prefetch_related(
            "extensions",
            Prefetch("documents", ChainDocument.objects.select_related("uploaded_by")),
            Prefetch("reminders", OptionReminder.objects.select_related("recipient")),
        ),
        production=request.production,
        pk=pk,
    )


def _to_option(request: ProductionRequest, pk: int) -> HttpResponse:
    return redirect(production_url(request, "development:option", pk=pk))


@production_view(VIEW, EDIT)
def option_new(request: ProductionRequest) -> HttpResponse:
    option = Option(production=request.production)
    form = OptionForm(request.POST or None, instance=option, currency=request.production.currency)
    if request.method == "POST" and form.is_valid():
        made = run_service(request, services.option_create, option=form.instance, form=form)
        if made:
            return _to_option(request, made.value.pk)
    context = {"form": form, "title": "Add an option on rights", "active": "rights"}
    return render(request, "development/form.html", context)


@production_view(VIEW)
def option(request: ProductionRequest, pk: int) -> HttpResponse:
    item = _option(request, pk)
    extensions = list(item.extensions.all())
    context = {
        "option": item,
        "extensions": extensions,
        "expires_on": item.expires_on(extensions),
        "extension_form": ExtensionForm(currency=request.production.currency),
        "document_form": ChainDocumentForm(),
        "active": "rights",
    }
    return render(request, "development/option.html", context)


@production_view(VIEW, EDIT)
def option_edit(request: ProductionRequest, pk: int) -> HttpResponse:
    item = _option(request, pk)
    form = OptionForm(
        request.POST or None,
        instance=item,
        initial={"version": item.version},
        currency=request.production.currency,
    )
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request, services.option_update, option=form.instance, form=form,
            expected_version=form.cleaned_data["version"] or 0,
        )  # fmt: skip
        if saved:
            return _to_option(request, item.pk)
    context = {"form": form, "title": f"Edit: {item}", "active": "rights"}
    return render(request, "development/form.html", context)


@production_view(VIEW, EDIT)
def extension_add(request: ProductionRequest, pk: int) -> HttpResponse:
    item = _option(request, pk)
    form = ExtensionForm(
        request.POST or None,
        instance=Extension(production=request.production, option=item),
        currency=request.production.currency,
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            request, services.extension_add, option=item, extension=form.instance, form=form
        )
    ):
        messages.success(request, "Extension recorded.")
        return _to_option(request, item.pk)
    context = {"form": form, "title": f"Extend: {item}", "active": "rights"}
    return render(request, "development/form.html", context)


@production_view(VIEW, EDIT)
def document_add(request: ProductionRequest, pk: int) -> HttpResponse:
    item = _option(request, pk)
    document = ChainDocument(production=request.production, option=item)
    form = ChainDocumentForm(request.POST or None, request.FILES or None, instance=document)
    if request.method == "POST" and form.is_valid() and run_service(
        request, services.document_add, option=item, document=form.instance,
        user=request.user, form=form,
    ):  # fmt: skip
        messages.success(request, "Chain-of-title document added.")
        return _to_option(request, item.pk)
    context = {"form": form, "title": f"Chain of title: {item}", "active": "rights"}
    return render(request, "development/form.html", context)


@production_view(VIEW)
def document_file(request: ProductionRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(ChainDocument, production=request.production, pk=pk)
    return serve(document.file, document.title)
