from __future__ import annotations

from django import forms

from apps.core.money import money_inputs
from apps.development.pitch.models import Comparable, LookImage, PitchPerson


class PersonForm(forms.ModelForm):
    class Meta:
        model = PitchPerson
        fields = ["kind", "name", "role", "credits", "letter_text", "letter_file"]
        widgets = {"letter_text": forms.Textarea(attrs={"rows": 4})}


class LookForm(forms.ModelForm):
    class Meta:
        model = LookImage
        fields = ["image", "caption"]


class ComparableForm(forms.ModelForm):
    class Meta:
        model = Comparable
        fields = ["title", "year", "budget", "result", "notes"]


FORMS = {"person": PersonForm, "look": LookForm, "comparable": ComparableForm}


def item_form(kind: str, production, data=None, files=None, instance=None) -> forms.ModelForm:
    form = FORMS[kind](data, files, instance=instance)
    money_inputs(form, production.currency)
    return form
