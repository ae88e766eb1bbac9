"""Form fields that choose database rows, safe against forged values."""

from __future__ import annotations

from django import forms


class ChoiceByIdField(forms.ModelChoiceField):
    """A choice of rows by id that refuses an id too large for the database.

    SQLite raises OverflowError for an integer past 64 bits, which Django's
    field does not catch: a forged POST would answer 500.
    """

    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class ChoicesByIdField(forms.ModelMultipleChoiceField):
    """Several rows chosen by id, refusing an id too large for the database
    (as ``ChoiceByIdField`` does for one)."""

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": ""},
            ) from None
