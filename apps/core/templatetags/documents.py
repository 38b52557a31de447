"""What the document base (templates/documents/base.html) writes into its stylesheet."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.")


@register.filter
def css_string(value) -> SafeString:
    """`value` as a quoted CSS string, for a page's running header (`content: ...`): every
    character but letters, digits, spaces, commas and full stops written as a CSS escape, so
    that no title closes the string, the rule or the <style> element around it."""
    words = " ".join(str(value).split())  # one line: the header's lines are the template's
    text = "".join(ch if ch in _PLAIN else f"\\{ord(ch):x} " for ch in words)
    return mark_safe(f'"{text}"')  # noqa: S308 - every other character is escaped  # nosec B308 B703
