from django import template

from apps.callsheets import sheet_html

register = template.Library()


@register.filter
def crew_tables(departments):
    """A call sheet's crew departments as the page's tables (apps/callsheets/sheet_html.py)."""
    return sheet_html.crew_tables(departments)
