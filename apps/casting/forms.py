"""Casting's forms: thin, each choice of a row limited to the production's rows."""

from __future__ import annotations

from django import forms

from apps.casting.models import (
    Actor,
    Agency,
    Representative,
    Role,
    SubmissionSource,
    Unavailability,
)
from apps.casting.validators import validate_headshot, validate_resume
from apps.core import forms as core_forms
from apps.schedules.models import CastMember


class RoleForm(forms.ModelForm):
    cast_member = core_forms.ModelChoiceField(
        queryset=CastMember.objects.none(),
        required=False,
        label="Part in the schedule",
        help_text="Its days come from the Day Out of Days.",
    )

    class Meta:
        model = Role
        fields = [
            "name",
            "cast_member",
            "description",
            "age_min",
            "age_max",
            "gender",
            "speaking",
            "status",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        free = CastMember.objects.filter(production=production).filter(casting_role__isnull=True)
        if self.instance.cast_member_id:
            free = free | CastMember.objects.filter(pk=self.instance.cast_member_id)
        self.fields["cast_member"].queryset = free.order_by("id_number")
        self.instance.production = production


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["name", "kind", "email", "phone", "address", "notes"]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.production = production

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = Agency.objects.filter(production=self.instance.production, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"There is already an agency called {name}.")
        return name


class RepresentativeForm(forms.ModelForm):
    class Meta:
        model = Representative
        fields = ["name", "email", "phone"]

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency = agency
        self.instance.production_id = agency.production_id

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = Representative.objects.filter(agency=self.instance.agency, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"{name} is already at this agency.")
        return name


def _representatives(production):
    return Representative.objects.filter(production=production).select_related("agency")


class ActorForm(forms.ModelForm):
    agent = core_forms.ModelChoiceField(queryset=Representative.objects.none(), required=False)
    manager = core_forms.ModelChoiceField(queryset=Representative.objects.none(), required=False)

    class Meta:
        model = Actor
        fields = [
            "name",
            "email",
            "phone",
            "agent",
            "manager",
            "union_status",
            "union_name",
            "playing_age_min",
            "playing_age_max",
            "headshot",
            "resume",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = _representatives(production)
        self.fields["manager"].queryset = _representatives(production)
        self.instance.production = production


class UnavailabilityForm(forms.ModelForm):
    class Meta:
        model = Unavailability
        fields = ["start", "end", "note"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The last date is before the first.")
        return data


class SubmissionForm(forms.Form):
    actor = core_forms.ModelChoiceField(queryset=Actor.objects.none())
    via = forms.ChoiceField(
        label="How",
        choices=[(c.value, c.label) for c in SubmissionSource if c != SubmissionSource.LINK],
        initial=SubmissionSource.AGENT,
    )
    submitted_by = core_forms.ModelChoiceField(
        queryset=Representative.objects.none(), required=False, label="Submitted by"
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = Actor.objects.filter(production=production)
        self.fields["submitted_by"].queryset = _representatives(production)


class ShortlistAddForm(forms.Form):
    actor = core_forms.ModelChoiceField(queryset=Actor.objects.none())

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = Actor.objects.filter(production=production)


class CommentForm(forms.Form):
    text = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")], required=False)
    rank = forms.IntegerField(min_value=1, max_value=10_000, required=False)


class OrderForm(forms.Form):
    """The shortlist's entries in their new order (a drag and drop): ids, comma-separated."""

    order = forms.CharField(max_length=5000)

    def clean_order(self):
        ids = []
        for part in self.cleaned_data["order"].split(","):
            number = core_forms.plain_int(part.strip())
            if number is None:
                raise forms.ValidationError("Send the entries' ids, comma-separated.")
            ids.append(number)
        return ids


class LinkSubmissionForm(forms.Form):
    """What an agent fills in on a role's submission link (no account)."""

    agency = forms.CharField(max_length=200, label="Your agency")
    agent = forms.CharField(max_length=150, label="Your name")
    email = forms.EmailField(label="Your e-mail")
    actor = forms.CharField(max_length=200, label="The actor's name")
    headshot = forms.FileField(required=False, validators=[validate_headshot])
    resume = forms.FileField(required=False, label="Résumé", validators=[validate_resume])
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
