"""Date form fields bounded to the years the platform works with.

A date a person or a URL gives is used in arithmetic (a report's period plus a
day, a calendar's week): year 1 or year 9999 would overflow ``datetime`` and
answer 500. These fields refuse what lies outside 2000-2100 as a form error.
"""

from __future__ import annotations

from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)


def validate_calendar_date(value: date | datetime) -> None:
    """Refuse a day outside the years the platform works with."""
    day = value.date() if isinstance(value, datetime) else value
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(
            _("Give a date between the years %(first)d and %(last)d."),
            code="date_out_of_range",
            params={"first": FIRST_DAY.year, "last": LAST_DAY.year},
        )


class CalendarDateField(forms.DateField):
    """A date between 2000 and 2100; a date input shows those bounds too."""

    default_validators = [validate_calendar_date]

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if widget.input_type == "date":
            attrs |= {"min": FIRST_DAY.isoformat(), "max": LAST_DAY.isoformat()}
        return attrs


class CalendarDateTimeField(forms.DateTimeField):
    """A date and time between 2000 and 2100."""

    default_validators = [validate_calendar_date]
