from __future__ import annotations

from django import forms

from apps.productions.capabilities import Role
from apps.productions.models import Department, Production

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProductionForm(forms.ModelForm):
    class Meta:
        model = Production
        fields = [
            "title",
            "slug",
            "format",
            "phase",
            "company_name",
            "currency",
            "time_zone",
            "prep_start",
            "first_shoot_day",
            "wrap_date",
            "wrap_end",
            "logo",
            "paper_size",
        ]
        widgets = {"prep_start": DATE, "first_shoot_day": DATE, "wrap_date": DATE, "wrap_end": DATE}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["paper_size"].required = False

    def clean_paper_size(self) -> str:
        # Left out of a post (a form from before the setting), the paper stays as it was.
        return self.cleaned_data.get("paper_size") or self.instance.paper_size

    def clean(self) -> dict:
        data = super().clean()
        prep, shoot, wrap = (data.get(k) for k in ("prep_start", "first_shoot_day", "wrap_date"))
        if prep and shoot and prep > shoot:
            self.add_error("prep_start", "Prep starts after the first shoot day.")
        if shoot and wrap and shoot > wrap:
            self.add_error("wrap_date", "The wrap date is before the first shoot day.")
        if wrap and data.get("wrap_end") and data["wrap_end"] < wrap:
            self.add_error("wrap_end", "Wrap ends before the wrap date.")
        return data


class ProductionCreateForm(ProductionForm):
    my_role = forms.ChoiceField(
        label="Your role",
        choices=[
            (Role.ASSOCIATE_PRODUCER, Role.ASSOCIATE_PRODUCER.label),
            (Role.PRODUCER, Role.PRODUCER.label),
        ],
    )

    class Meta(ProductionForm.Meta):
        fields = ["my_role", *ProductionForm.Meta.fields]


class ProductionSettingsForm(ProductionForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta(ProductionForm.Meta):
        fields = [f for f in ProductionForm.Meta.fields if f != "slug"]


class _DepartmentChoice(forms.Form):
    """A department head's department, chosen from the production's list."""

    def __init__(self, *args, production: Production, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(production=production)


class InvitationForm(_DepartmentChoice):
    email = forms.EmailField(label="E-mail")
    role = forms.ChoiceField(choices=Role.choices, initial=Role.CREW)
    department = forms.ModelChoiceField(
        queryset=Department.objects.none(), required=False, help_text="Only for a department head."
    )


class MembershipForm(_DepartmentChoice):
    role = forms.ChoiceField(choices=Role.choices, label="Role")
    department = forms.ModelChoiceField(
        queryset=Department.objects.none(), required=False, label="Department"
    )
