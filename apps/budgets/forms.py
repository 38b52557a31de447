"""Forms parse what people type; rules live in services (a BudgetError lands on its field)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms

from apps.budgets import engine
from apps.budgets.models import (
    BudgetVersion,
    DepartmentGrant,
    DetailLine,
    Fringe,
    Section,
    Units,
)
from apps.budgets.services import BudgetError, LineValues, evaluate_line_formulas, global_values
from apps.core import forms as core_forms
from apps.core.money import CurrencyInputs, MoneyFormField, currency_choices
from apps.productions.models import Department

FORMULA_HELP = "A number or a formula over globals, e.g. SHOOT_DAYS + 2"


class NewBudgetForm(forms.Form):
    budget_name = forms.CharField(
        max_length=120,
        initial="Production budget",
        help_text="A new name starts a new budget; an existing one gets a new version.",
    )
    version_name = forms.CharField(max_length=120, initial="Working")
    template = forms.ChoiceField(choices=())
    follow_schedule = forms.BooleanField(
        required=False,
        initial=True,
        label="SHOOT_DAYS follows the schedule",
        help_text="When the schedule's shoot days change, this version's SHOOT_DAYS moves with "
        "them, and the budget shows by how much. You can unlink it later on the Globals page.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [(t["key"], t["name"]) for t in engine.list_templates()]


class CopyVersionForm(forms.Form):
    name = forms.CharField(max_length=120, label="Name of the copy")


class LineForm(forms.Form):
    """A detail line. Formulas are evaluated here against the version's globals so a bad or
    hostile formula is an error on its own field."""

    description = forms.CharField(max_length=200)
    amount_formula = forms.CharField(
        max_length=500, label="Amount", initial="1", help_text=FORMULA_HELP
    )
    units = forms.ChoiceField(
        choices=Units.choices, initial=Units.ALLOW, widget=core_forms.QuickSelect
    )
    x_formula = forms.CharField(max_length=500, label="X", initial="1", help_text=FORMULA_HELP)
    rate_formula = forms.CharField(
        max_length=500, label="Rate", initial="0", help_text=FORMULA_HELP
    )
    currency = forms.ChoiceField(
        choices=currency_choices, required=False, widget=core_forms.QuickSelect
    )
    exchange_rate = forms.DecimalField(
        max_digits=16, decimal_places=6, initial=Decimal(1), required=False
    )
    fringes = core_forms.ModelMultipleChoiceField(
        queryset=Fringe.objects.none(), required=False, widget=core_forms.QuickSelectMultiple
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, budget_version: BudgetVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget_version = budget_version
        self.fields["fringes"].queryset = Fringe.objects.filter(budget_version=budget_version)
        self.fields["currency"].initial = budget_version.currency
        for name, field in self.fields.items():
            select = name in ("units", "currency", "fringes")
            css = "form-select form-select-sm" if select else "form-control form-control-sm"
            field.widget.attrs.setdefault("class", css)
            if field.help_text:
                field.widget.attrs.setdefault("title", field.help_text)
        self.fields["fringes"].widget.attrs["size"] = 3

    def clean(self):
        data = super().clean()
        data["currency"] = data.get("currency") or self.budget_version.currency
        if data.get("exchange_rate") is None:
            data["exchange_rate"] = Decimal(1)
        if self.errors:
            return data
        try:
            evaluate_line_formulas(self.values(data), global_values(self.budget_version))
        except BudgetError as error:
            self.add_error(error.field, error.message)
        return data

    def values(self, data=None) -> LineValues:
        data = data or self.cleaned_data
        return LineValues(
            description=data["description"],
            amount_formula=data["amount_formula"],
            units=data["units"],
            x_formula=data["x_formula"],
            rate_formula=data["rate_formula"],
            currency=data["currency"],
            exchange_rate=data["exchange_rate"],
            fringe_ids=tuple(f.id for f in data.get("fringes") or ()),
        )

    @classmethod
    def for_line(cls, line: DetailLine, data=None) -> LineForm:
        initial = {
            "description": line.description,
            "amount_formula": line.amount_formula,
            "units": line.units,
            "x_formula": line.x_formula,
            "rate_formula": line.rate_formula,
            "currency": line.currency,
            "exchange_rate": line.exchange_rate,
            "fringes": list(line.fringes.all()),
            "version": line.version,
        }
        form = cls(data, initial=initial, budget_version=line.budget_version, prefix=f"l{line.id}")
        form.fields["description"].widget.attrs["data-autofocus"] = True
        return form


class AccountForm(forms.Form):
    number = forms.CharField(max_length=20)
    name = forms.CharField(max_length=120)
    fringes = core_forms.ModelMultipleChoiceField(
        queryset=Fringe.objects.none(), required=False, help_text="Default fringes for new lines."
    )

    def __init__(self, *args, budget_version: BudgetVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fringes"].queryset = Fringe.objects.filter(budget_version=budget_version)


class CategoryForm(forms.Form):
    number = forms.CharField(max_length=20)
    name = forms.CharField(max_length=120)
    section = forms.ChoiceField(choices=Section.choices)


class GlobalForm(forms.Form):
    name = forms.CharField(max_length=40)
    value = forms.CharField(
        max_length=200,
        label="Value or formula",
        help_text="A number (25) or a formula of other globals (SHOOT_DAYS / 5).",
    )
    description = forms.CharField(max_length=200, required=False)

    def clean(self):
        """A plain number is a value; anything else is a formula of other globals."""
        data = super().clean()
        text = (data.get("value") or "").strip()
        try:
            data["value"], data["formula"] = Decimal(text.replace(",", "")), ""
            if not data["value"].is_finite():
                raise InvalidOperation
        except InvalidOperation:
            data["value"], data["formula"] = None, text
        return data


class FringeForm(CurrencyInputs, forms.Form):
    code = forms.CharField(max_length=20)
    name = forms.CharField(max_length=120)
    kind = forms.ChoiceField(choices=Fringe.Kind.choices)
    rate = forms.DecimalField(
        max_digits=22, decimal_places=6, help_text="Percent, or amount per unit"
    )
    cutoff = MoneyFormField(required=False)


class MarkupForm(forms.Form):
    name = forms.CharField(max_length=60)
    percent = forms.DecimalField(max_digits=22, decimal_places=6)
    sections = forms.MultipleChoiceField(
        choices=Section.choices, widget=forms.CheckboxSelectMultiple
    )


class ActualForm(CurrencyInputs, forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    account_number = forms.CharField(max_length=20)
    payee = forms.CharField(max_length=200)
    description = forms.CharField(max_length=200)
    amount = MoneyFormField()
    fringes = MoneyFormField(
        required=False, help_text="Payroll fringes paid on it, if any (kept apart, counted in)."
    )
    reference = forms.CharField(max_length=100, required=False)


class CommitmentForm(CurrencyInputs, forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    account_number = forms.CharField(max_length=20)
    description = forms.CharField(max_length=200)
    amount = MoneyFormField()


class EstimateForm(CurrencyInputs, forms.Form):
    amount = MoneyFormField(required=False, help_text="Empty: use what is left.")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class GrantForm(forms.Form):
    department = forms.ModelChoiceField(queryset=Department.objects.none())
    kind = forms.ChoiceField(choices=DepartmentGrant.Kind.choices)
    number = forms.CharField(max_length=20)

    def __init__(self, *args, production, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(production=production)


class BudgetImportForm(forms.Form):
    budget_name = forms.CharField(
        max_length=120, help_text="An existing budget gets a new version; a new name, a new budget."
    )
    version_name = forms.CharField(max_length=120, initial="Imported")
    lines = forms.FileField(
        help_text="CSV or XLSX with the budget columns, or a budget detail export whole (its XLSX "
        "or its ZIP of CSV files: lines, accounts, globals, fringes and markups together)."
    )
    fringes = forms.FileField(
        required=False, help_text="CSV or XLSX: code, name, kind, rate, cutoff"
    )
    globals_file = forms.FileField(
        required=False, label="Globals", help_text="CSV or XLSX: name, value"
    )
    markups = forms.FileField(
        required=False,
        help_text="CSV or XLSX: name, percent, applies_to (ATL;PRODUCTION;POST;OTHER or ALL). "
        "Without it the version has no markups.",
    )


class ActualsImportForm(forms.Form):
    file = forms.FileField(
        help_text=(
            "CSV: date, account_number, payee, description, amount, reference; optionally "
            "fringes (paid on the row, kept apart from its amount)"
        )
    )


class PeriodCloseForm(forms.Form):
    """The week a period ends, and a note on each line whose EFC moved since the last period
    (the service says which are missing)."""

    week_ending = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    digest = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, changed=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.changed = list(changed)
        for row in self.changed:
            self.fields[self.note_name(row.key)] = forms.CharField(
                required=False,
                max_length=2000,
                label=f"Note on {row.number} {row.name}",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def note_name(key: str) -> str:
        return f"note:{key}"

    def notes_by_row(self) -> list:
        """(row, its note field) for the template."""
        return [(row, self[self.note_name(row.key)]) for row in self.changed]

    def notes(self) -> dict[str, str]:
        return {row.key: self.cleaned_data.get(self.note_name(row.key), "") for row in self.changed}
