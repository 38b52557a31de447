from __future__ import annotations

from decimal import Decimal

from django import forms

from apps.core import forms as core_forms
from apps.core.money import CurrencyInputs, MoneyFormField, money_inputs
from apps.productions.forms import DATE
from apps.vendors.models import (
    OPEN_STATUSES,
    Contact,
    PurchaseOrder,
    QuoteRequest,
    Rental,
    Vendor,
    VendorSettings,
)

VENDOR_NAME_TAKEN = "There is already a vendor called {name}."


class VendorForm(forms.ModelForm):
    class Meta:
        model = Vendor
        fields = [
            "name",
            "category",
            "email",
            "phone",
            "address",
            "payment_terms",
            "tax_form_on_file",
            "rating",
            "notes",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, production, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.production = production

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        taken = Vendor.objects.filter(production=self.production, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(VENDOR_NAME_TAKEN.format(name=name))
        return name


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "email", "phone"]


class CertificateForm(forms.Form):
    file = forms.FileField(label="Certificate (PDF or image)")
    expires_on = forms.DateField(label="Expires on", widget=DATE)
    insurer = forms.CharField(max_length=120, required=False)


def _vendors(production):
    return Vendor.objects.filter(production=production).order_by("name")


class QuoteRequestForm(forms.ModelForm):
    class Meta:
        model = QuoteRequest
        fields = ["title", "account_number", "needed_by", "details"]
        widgets = {"needed_by": DATE, "details": forms.Textarea(attrs={"rows": 2})}


class QuoteForm(forms.Form):
    vendor = core_forms.ModelChoiceField(queryset=Vendor.objects.none())
    amount = MoneyFormField(min_value=Decimal("0"))
    terms = forms.CharField(max_length=200, required=False, label="Includes / terms")
    valid_until = forms.DateField(required=False, widget=DATE)

    def __init__(self, *args, production, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vendor"].queryset = _vendors(production)
        money_inputs(self, production.currency)


class PurchaseOrderForm(forms.ModelForm):
    class Meta:
        model = PurchaseOrder
        fields = ["vendor", "description", "deliver_on"]
        widgets = {"deliver_on": DATE}

    def __init__(self, *args, production, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vendor"].queryset = _vendors(production)


class LineForm(CurrencyInputs, forms.Form):
    account_number = forms.CharField(max_length=20, label="Account")
    description = forms.CharField(max_length=200)
    quantity = forms.DecimalField(
        max_digits=12, decimal_places=3, min_value=Decimal("0.001"), initial=Decimal("1")
    )
    unit_price = MoneyFormField(min_value=Decimal("0"))


class VoidForm(forms.Form):
    reason = forms.CharField(max_length=200)


class ChangeOrderForm(forms.Form):
    reason = forms.CharField(max_length=300, label="Why the PO changes")
    deliver_on = forms.DateField(required=False, widget=DATE, label="New delivery / pick-up")


class RejectForm(forms.Form):
    note = forms.CharField(max_length=300, label="Why it is rejected")


class RentalForm(forms.ModelForm):
    days_per_week = forms.DecimalField(
        max_digits=3,
        decimal_places=1,
        min_value=Decimal("1"),
        max_value=Decimal("7"),
        required=False,
        label="Billable days per week",
        help_text="Leave empty for the production's rule.",
    )

    class Meta:
        model = Rental
        fields = [
            "vendor",
            "purchase_order",
            "item",
            "quantity",
            "pick_up_on",
            "return_due_on",
            "rate",
            "rate_unit",
        ]
        widgets = {"pick_up_on": DATE, "return_due_on": DATE}

    def __init__(self, *args, production, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        money_inputs(self, production.currency)
        self.fields["vendor"].queryset = _vendors(production)
        self.fields["purchase_order"].queryset = PurchaseOrder.objects.filter(
            production=production, status__in=OPEN_STATUSES
        ).select_related("vendor")
        self.fields["purchase_order"].required = False


class RentalReturnForm(CurrencyInputs, forms.Form):
    returned_on = forms.DateField(required=False, widget=DATE, label="Returned on")
    loss_damage_notes = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Loss and damage notes"
    )
    loss_damage_amount = MoneyFormField(
        min_value=Decimal("0"),
        initial=Decimal("0"),
        label="Loss and damage amount",
    )


class InvoiceForm(forms.Form):
    vendor = core_forms.ModelChoiceField(queryset=Vendor.objects.none())
    purchase_order = core_forms.ModelChoiceField(
        queryset=PurchaseOrder.objects.none(),
        required=False,
        label="Purchase order",
        help_text="Leave empty only for an invoice without a PO (it will be flagged).",
    )
    number = forms.CharField(max_length=60, label="Vendor's invoice number")
    date = forms.DateField(widget=DATE, label="Invoice date")
    due_on = forms.DateField(widget=DATE, required=False, label="Due on")
    account_number = forms.CharField(max_length=20, label="Account")
    description = forms.CharField(max_length=200)
    amount = MoneyFormField()
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, production, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        money_inputs(self, production.currency)
        self.fields["vendor"].queryset = _vendors(production)
        self.fields["purchase_order"].queryset = (
            PurchaseOrder.objects.filter(production=production, status__in=OPEN_STATUSES)
            .select_related("vendor")
            .order_by("-number")
        )
        self.fields["purchase_order"].label_from_instance = lambda po: (
            f"{po.label} — {po.vendor} — {po.description}"
        )


class InvoiceLineForm(CurrencyInputs, forms.Form):
    account_number = forms.CharField(max_length=20, label="Account")
    description = forms.CharField(max_length=200)
    amount = MoneyFormField()


class VendorSettingsForm(forms.ModelForm):
    class Meta:
        model = VendorSettings
        fields = ["ap_approval_limit", "rental_days_per_week"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        money_inputs(self, self.instance.production.currency)
