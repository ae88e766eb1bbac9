"""Course text inside an interface sentence, marked with the course's language."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def in_language(text: str, language: str) -> SafeString:
    """``text`` in a span saying its language (WCAG 3.1.2), to place in a
    translated phrase: a French lesson title in the Dutch "Volgende les: …"."""
    return format_html('<span lang="{}">{}</span>', language, text)
