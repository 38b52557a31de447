from django import template

from apps.schedules.importers.eighths import format_eighths

register = template.Library()


@register.filter
def eighths(value) -> str:
    """12 -> '1 4/8': page lengths are always shown in eighths."""
    return format_eighths(int(value or 0))


@register.filter
def hours(minutes) -> str:
    """225 -> '3 h 45 min': the day estimates."""
    hours_, rest = divmod(int(minutes or 0), 60)
    return f"{hours_} h {rest:02d} min" if hours_ else f"{rest} min"
