"""The post schedule's forms: thin, each field a service argument."""

from __future__ import annotations

from django import forms

from apps.core.forms import ModelChoiceField
from apps.post.milestones.models import Milestone, MilestoneKind
from apps.post.milestones.services import po_choices, vendor_choices
from apps.productions.models import Membership

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(choices=MilestoneKind.choices, initial=MilestoneKind.OTHER)
    title = forms.CharField(max_length=200)
    due_on = forms.DateField(label="Date", widget=DATE)
    slip_reason = forms.CharField(
        label="Reason for a move",
        max_length=300,
        required=False,
        help_text="Needed when the date moves away from the baseline.",
    )
    done_on = forms.DateField(label="Done on", widget=DATE, required=False)
    owner_member = ModelChoiceField(
        label="Owner (member)", queryset=Membership.objects.none(), required=False
    )
    owner_name = forms.CharField(
        label="Owner (name)",
        max_length=150,
        required=False,
        help_text="A crew person or anyone outside the production, when not a member.",
    )
    vendor = ModelChoiceField(queryset=vendor_choices(None).none(), required=False)
    purchase_order = ModelChoiceField(
        label="Purchase order", queryset=po_choices(None).none(), required=False
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, production, instance: Milestone | None = None, **kwargs):
        if instance is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = {
                "kind": instance.kind,
                "title": instance.title,
                "due_on": instance.due_on,
                "done_on": instance.done_on,
                "owner_member": instance.owner_member_id,
                "owner_name": instance.owner_name,
                "vendor": instance.vendor_id,
                "purchase_order": instance.purchase_order_id,
                "notes": instance.notes,
                "version": instance.version,
            }
        super().__init__(*args, **kwargs)
        self.fields["owner_member"].queryset = Membership.objects.filter(
            production=production
        ).select_related("user")
        self.fields["owner_member"].label_from_instance = lambda m: str(m.user)
        self.fields["vendor"].queryset = vendor_choices(production)
        self.fields["purchase_order"].queryset = po_choices(production)
        self.fields["purchase_order"].label_from_instance = lambda po: (
            f"{po.label} · {po.vendor.name} · {po.description}"[:120]
        )
        if instance is None:
            del self.fields["slip_reason"]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data
