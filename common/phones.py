"""Phone numbers as people type them, checked and stored in one form (E.164).

Belgian numbers may be typed the national way ("0470 12 34 56"); any other
country's need their prefix ("+33 6 12 34 56 78").
"""

from __future__ import annotations

import phonenumbers
from django import forms, template
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "BE"
INVALID_MESSAGE = _(
    "Give a phone number we can reach, e.g. 0470 12 34 56 or, from abroad, "
    "+33 6 12 34 56 78."
)


def phone_e164(value: str, *, region: str = DEFAULT_REGION) -> str:
    """The number in E.164 ("+32470123456"); ValidationError if it cannot be one."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID_MESSAGE, code="phone_invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_readable(value: str, *, region: str = DEFAULT_REGION) -> str:
    """A stored number as people read it: the national way for a Belgian
    number ("0470 12 34 56"), with its prefix for another country's
    ("+33 6 12 34 56 78"); text that is not a number stays as it is."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return value
    if phonenumbers.region_code_for_number(number) == region:
        kind = phonenumbers.PhoneNumberFormat.NATIONAL
    else:
        kind = phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, kind)


register = template.Library()  # {% load phones %}


@register.filter
def phone(value: str | None) -> str:
    """``{{ booking.phone|phone }}``: the number as people read it."""
    return phone_readable(value) if value else ""


def validate_phone(value: str) -> None:
    """A model field validator: refuses what ``phone_e164`` refuses."""
    if value:
        phone_e164(value)


class PhoneField(forms.CharField):
    """A phone number input that cleans to E.164; blank stays blank."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return phone_e164(value) if value else value
