"""Forms for deliverables: a new checklist (from a template), an item's edit (with the version it
was loaded at) and a new item."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from apps.core import forms as core_forms
from apps.post.deliverables.models import Checklist, DeliverableItem

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ChecklistForm(forms.ModelForm):
    class Meta:
        model = Checklist
        fields = ["name", "kind", "recipient", "due_date", "notes"]
        widgets = {"due_date": DATE, "notes": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"kind": "Every item this kind of delivery needs is added; edit them after."}


ITEM_FORM_FIELDS = [
    "category",
    "name",
    "spec_notes",
    "due_date",
    "owner",
    "status",
    "rejection_reason",
    "evidence_file",
    "evidence_reference",
]


class ItemForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = DeliverableItem
        fields = ITEM_FORM_FIELDS
        field_classes = {"owner": core_forms.ModelChoiceField}
        widgets = {
            "due_date": DATE,
            "spec_notes": forms.Textarea(attrs={"rows": 3}),
            "rejection_reason": forms.Textarea(attrs={"rows": 2}),
            "evidence_file": forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,image/*"}),
        }
        help_texts = {"rejection_reason": "Needed when the status is Rejected."}

    def __init__(self, *args, production, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(memberships__production=production)
            .order_by("full_name", "email")
        )
        self.fields["evidence_file"].widget.clear_checkbox_label = None
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def values(self) -> dict:
        """The item's new values; `evidence_file` only when a file was uploaded now."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("version", "evidence_file")}
        upload = self.files.get(self.add_prefix("evidence_file"))
        if upload:
            data["evidence_file"] = self.cleaned_data["evidence_file"]
        return data


class DueForm(forms.Form):
    due_date = forms.DateField(label="Delivery due", required=False, widget=DATE)
