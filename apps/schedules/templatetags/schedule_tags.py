from django import template

from apps.schedules.importers.eighths import format_eighths

register = template.Library()


@register.filter
def eighths(value) -> str:
    """12 -> '1 4/8': page lengths are always shown in eighths."""
    return format_eighths(int(value or 0))
