"""The edit page's table rows, drawn in Python: a report's tables are some forty rows and a few
hundred fields, and a template loop, label and condition per field cost most of the page's time.
Each field is its form's own bound field (its widget, id, value and errors), written as the page's
template wrote it (templates/daily_reports/edit.html keeps the rest)."""

from __future__ import annotations

from django.forms import BaseFormSet, BaseModelForm
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

WIDE = {"description", "notes", "reason"}
NARROW = ' class="col-6 col-md-3 col-lg-2"'
WIDE_CLASS = ' class="col-6 col-md-3 col-lg-2 col-12 col-md-6 col-lg-4"'


def _errors(errors) -> str:
    if not errors:
        return ""
    text = " ".join(str(conditional_escape(error)) for error in errors)
    return f'<div class="text-danger small">{text}</div>'


def _row(prefix: str, index: int, form: BaseModelForm) -> str:
    parts = [f'<div class="dpr-row" data-testid="{prefix}-row-{index}">']
    visible = []
    for bound in form:
        if bound.is_hidden:
            parts.append(str(bound))
        elif bound.name != "DELETE":
            visible.append(bound)
    parts.append(_errors(form.non_field_errors()))
    parts.append('<div class="row g-2">')
    for bound in visible:
        parts.append(
            f"<div{WIDE_CLASS if bound.name in WIDE else NARROW}>"
            f'<label for="{conditional_escape(bound.id_for_label)}">'
            f"{conditional_escape(bound.label)}</label>{bound}{_errors(bound.errors)}</div>"
        )
    if form.instance.pk:
        delete = form["DELETE"]
        name, key = conditional_escape(delete.html_name), conditional_escape(delete.id_for_label)
        checked = " checked" if delete.value() else ""
        parts.append(
            '<div class="col-6 col-md-2 align-self-end"><div class="form-check">'
            f'<input class="form-check-input" type="checkbox" name="{name}" id="{key}"{checked}>'
            f'<label class="form-check-label" for="{key}">Remove</label></div></div>'
        )
    parts.append("</div></div>")
    return "".join(parts)


def rows(prefix: str, formset: BaseFormSet) -> SafeString:
    """The formset's management fields and its rows, each field with its label and errors."""
    parts = [str(bound) for bound in formset.management_form]
    parts += [_row(prefix, index, form) for index, form in enumerate(formset.forms)]
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped or a widget's HTML  # nosec B308 B703
