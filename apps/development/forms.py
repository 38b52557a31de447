"""Development's forms: thin, each field a service argument."""

from __future__ import annotations

from django import forms

from apps.core.money import CurrencyInputs, MoneyFormField, currency_choices
from apps.development.drafts.models import Draft
from apps.development.models import Project
from apps.development.research.models import ResearchNote
from apps.development.rights.models import ChainDocument, Extension, Option
from apps.productions.models import Format

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IdeaForm(forms.Form):
    """A new idea on the slate: it becomes a production in the Development phase."""

    title = forms.CharField(max_length=200)
    format = forms.ChoiceField(choices=Format.choices, initial=Format.FEATURE)
    currency = forms.ChoiceField(choices=currency_choices, initial="USD")
    logline = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    genre = forms.CharField(max_length=100, required=False)
    budget_low = MoneyFormField(label="Target budget from", required=False, min_value=0)
    budget_high = MoneyFormField(label="Target budget to", required=False, min_value=0)
    next_step = forms.CharField(max_length=200, required=False)
    next_step_date = forms.DateField(label="Next step by", required=False, widget=DATE)


class ProjectForm(CurrencyInputs, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Project
        fields = [
            "logline", "synopsis", "genre", "budget_low", "budget_high", "status", "owner",
            "next_step", "next_step_date",
        ]  # fmt: skip
        widgets = {
            "logline": forms.Textarea(attrs={"rows": 2}),
            "synopsis": forms.Textarea(attrs={"rows": 6}),
            "next_step_date": DATE,
        }

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members


class ResearchForm(forms.ModelForm):
    url = forms.URLField(label="Link", max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = ResearchNote
        fields = ["title", "source_kind", "citation", "url", "body", "tags", "attachment"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}


class DraftForm(forms.ModelForm):
    class Meta:
        model = Draft
        fields = ["title", "draft_date", "authors", "file", "notes"]
        widgets = {"draft_date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}


class OptionForm(CurrencyInputs, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Option
        fields = [
            "material", "grantor", "option_start", "option_end", "option_fee", "purchase_price",
            "notes",
        ]  # fmt: skip
        widgets = {
            "option_start": DATE,
            "option_end": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class ExtensionForm(CurrencyInputs, forms.ModelForm):
    class Meta:
        model = Extension
        fields = ["agreed_on", "new_end", "fee"]
        widgets = {"agreed_on": DATE, "new_end": DATE}


class ChainDocumentForm(forms.ModelForm):
    class Meta:
        model = ChainDocument
        fields = ["title", "file"]
