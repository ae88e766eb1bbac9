"""Dates and times as a person reads them: local time, in their language.

Django's ``date`` filter already speaks the active language; these add what it
cannot: the local time zone for values built outside a template (SMS, PDF),
French ordinals ("1er janvier", the first day of a month only) and German ones
("1. Juni", every day, and "Freitag, 11. Juni" after a weekday).
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import formats, timezone, translation

register = template.Library()

DAY = "j F Y"
WEEKDAY_DAY = "l j F Y"
WEEKDAY_DAY_TIME = "l j F Y, H:i"


def local_format(value: date | datetime | None, pattern: str = DAY) -> str:
    """``value`` in the current time zone and language, e.g. "mardi 1er juin 2027"."""
    if value is None:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    language = translation.get_language()
    if language == "fr" and value.day == 1:
        pattern = pattern.replace("j", r"j\e\r", 1)
    elif language == "de":
        pattern = pattern.replace("j", "j.", 1)
        # A weekday before the date takes a comma: "Freitag, 11. Juni".
        pattern = pattern.replace("l ", "l, ", 1)
    return formats.date_format(value, pattern)


@register.filter
def long_date(value, pattern: str = DAY) -> str:
    """Template filter: `{{ when|long_date }}`, `{{ when|long_date:"l j F Y" }}`."""
    return local_format(value, pattern)
