"""Auditions' forms: thin, each field a service argument."""

from __future__ import annotations

from django import forms

from apps.casting.auditions.models import AuditionSession, AuditionSlot, SendTo, SlotState
from apps.casting.auditions.queries import script_scenes
from apps.casting.models import Actor, Role
from apps.core.forms import ModelChoiceField, ModelMultipleChoiceField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SessionForm(forms.ModelForm):
    class Meta:
        model = AuditionSession
        fields = ["title", "date", "self_tape", "place", "notes"]
        widgets = {"date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}


class SlotForm(forms.Form):
    """A new slot: who reads for which role, when, and who the invitation goes to."""

    role = ModelChoiceField(queryset=Role.objects.none())
    actor = ModelChoiceField(queryset=Actor.objects.none())
    starts_at = forms.TimeField(label="Time", widget=TIME)
    minutes = forms.IntegerField(label="Length (minutes)", min_value=1, max_value=480, initial=15)
    send_to = forms.ChoiceField(label="Invitation to", choices=SendTo.choices, initial=SendTo.AGENT)

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = Role.objects.filter(production=production)
        self.fields["actor"].queryset = Actor.objects.filter(production=production)


class SlotEditForm(forms.ModelForm):
    class Meta:
        model = AuditionSlot
        fields = ["starts_at", "minutes", "send_to"]
        widgets = {"starts_at": TIME}

    def clean_minutes(self):
        minutes = self.cleaned_data["minutes"]
        if not 1 <= minutes <= 480:
            raise forms.ValidationError("A slot lasts from 1 to 480 minutes.")
        return minutes


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        choices=[("", "No rating"), *((n, "★" * n) for n in range(1, 6))],
        coerce=int,
        empty_value=None,
        required=False,
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class SidesForm(forms.Form):
    scenes = ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, production, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenes"].queryset = script_scenes(production)
        self.fields["scenes"].label_from_instance = lambda s: f"{s.number}. {s.heading or s}"


class CallbackForm(forms.Form):
    """Call back these actors: a further session with a slot for each."""

    slots = ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label="Call back"
    )
    title = forms.CharField(max_length=200)
    date = forms.DateField(widget=DATE)
    self_tape = forms.BooleanField(label="Self-tape", required=False)
    place = forms.CharField(max_length=300, required=False)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    starts_at = forms.TimeField(label="First slot at", widget=TIME)
    minutes = forms.IntegerField(
        label="Each slot (minutes)", min_value=1, max_value=480, initial=20
    )

    def __init__(self, *args, session: AuditionSession, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slots"].queryset = (
            session.slots.exclude(state__in=[SlotState.DECLINED, SlotState.CANCELLED])
            .select_related("actor", "role")
            .order_by("starts_at", "pk")
        )
        self.fields["slots"].label_from_instance = lambda s: f"{s.actor.name} ({s.role.name})"
        self.fields["title"].initial = f"Callback: {session.title}"[:200]
        self.fields["place"].initial = session.place
        self.fields["self_tape"].initial = session.self_tape
