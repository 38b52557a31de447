"""Start paperwork's forms: an item of the production's pack (the office), and one form per kind
of item for the hire (the link), with the upload's checks."""

from __future__ import annotations

from django import forms
from django.conf import settings

from apps.core.validators import check_upload
from apps.crew.validators import validate_phone
from apps.payroll.paperwork.models import ItemKind, PackItem

UPLOAD_TOO_BIG = "The file is {size}; the limit is {limit}."
UPLOAD_WRONG_TYPE = "Upload a PDF, JPG or PNG file."
# The first bytes of each kind of file accepted: the type is read from the content, not the name.
MAGIC = {b"%PDF-": "pdf", b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}


def upload_kind(upload) -> str | None:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    return next((kind for magic, kind in MAGIC.items() if head.startswith(magic)), None)


def validate_upload(upload) -> None:
    check_upload(
        upload,
        limit=settings.PAPERWORK_UPLOAD_MAX_BYTES,
        sniff=upload_kind,
        too_big=UPLOAD_TOO_BIG,
        wrong_type=UPLOAD_WRONG_TYPE,
    )


class PackItemForm(forms.ModelForm):
    class Meta:
        model = PackItem
        fields = ["kind", "title", "text", "required"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class PersonalForm(forms.Form):
    legal_name = forms.CharField(max_length=150)
    address = forms.CharField(max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    phone = forms.CharField(max_length=40, validators=[validate_phone])


class EmergencyForm(forms.Form):
    name = forms.CharField(max_length=150)
    relationship = forms.CharField(max_length=60, required=False)
    phone = forms.CharField(max_length=40, validators=[validate_phone])


class UploadForm(forms.Form):
    file = forms.FileField(validators=[validate_upload])


class TaxForm(UploadForm):
    tax_id = forms.CharField(label="Tax id (SSN, NI or TIN)", max_length=30)


class BankForm(forms.Form):
    account_name = forms.CharField(label="Name on the account", max_length=150)
    bank_routing = forms.CharField(label="Routing number or sort code", max_length=30)
    bank_account = forms.CharField(label="Account number", max_length=34)


class PolicyForm(forms.Form):
    acknowledged = forms.BooleanField(label="I have read and agree to this policy")


class CustomForm(forms.Form):
    answer = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


ENTRY_FORMS = {
    ItemKind.PERSONAL: PersonalForm,
    ItemKind.EMERGENCY: EmergencyForm,
    ItemKind.TAX_FORM: TaxForm,
    ItemKind.ELIGIBILITY: UploadForm,
    ItemKind.BANK: BankForm,
    ItemKind.POLICY: PolicyForm,
    ItemKind.CUSTOM: CustomForm,
}


def labelled(kind: str, answers: dict) -> list[tuple[str, str]]:
    """An item's answers as (the form's label, value): "Routing number or sort code", not the
    stored key."""
    fields = ENTRY_FORMS[kind].base_fields if kind in ENTRY_FORMS else {}
    return [
        (str(fields[key].label) if key in fields and fields[key].label else key.replace("_", " ")
         .capitalize(), value)
        for key, value in answers.items()
    ]  # fmt: skip


def entry_form(entry, data=None, files=None) -> forms.Form:
    initial = dict(entry.answers)
    return ENTRY_FORMS[entry.kind](data, files, prefix=f"e{entry.pk}", initial=initial)


class SignForm(forms.Form):
    typed_name = forms.CharField(label="Type your full name to sign", max_length=150)
