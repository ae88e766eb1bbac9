"""Desk forms: shape only; rules live in the models and the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from common.choice_fields import ChoiceByIdField
from common.dates import local_format
from common.idempotency import form_token_field
from common.phones import PhoneField
from desk import exceptions
from desk.consent import NOTICE_POINT_CODES, NOTICE_POINTS
from learners.models import AgeBand, User


class AssistedAccountForm(forms.Form):
    """A person's account, made with them at the desk: a first name is enough."""

    form_token = form_token_field()
    organiser = ChoiceByIdField(
        label=_("For the space"), queryset=None, empty_label=None
    )
    display_name = forms.CharField(
        label=_("First name or nickname"),
        max_length=80,
        help_text=_("How the platform greets the person. No surname is needed."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=User._meta.get_field("language").choices,
        initial="fr",
    )
    age_band = forms.ChoiceField(
        label=_("Age (optional)"),
        choices=[("", "—"), *AgeBand.choices],
        required=False,
    )
    postal_code = forms.RegexField(
        label=_("Postal code (optional)"),
        regex=r"^[1-9][0-9]{3}$",
        required=False,
        max_length=4,
        error_messages={
            "invalid": _("A Belgian postal code has four digits, for example 5000.")
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    phone = PhoneField(
        label=_("Phone (optional)"),
        required=False,
        help_text=_("For workshop reminders by text message."),
    )
    explained = forms.MultipleChoiceField(
        label=_("I explained to the person, and they agree"),
        choices=NOTICE_POINTS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": exceptions.ConsentMissing.message},
    )

    def clean_explained(self):
        explained = self.cleaned_data["explained"]
        if set(NOTICE_POINT_CODES) - set(explained):
            # Said beside the boxes, where the facilitator is looking.
            raise forms.ValidationError(exceptions.ConsentMissing.message)
        return explained

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = spaces
        if len(spaces) == 1:
            self.fields["organiser"].widget = forms.HiddenInput()
            self.fields["organiser"].initial = spaces[0]


class AccompanyCodeForm(forms.Form):
    """The code a facilitator shows, typed on the person's device."""

    code = forms.CharField(
        label=_("The code on the facilitator's screen"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class EnrolForm(forms.Form):
    course = ChoiceByIdField(label=_("Course"), queryset=None)

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses


class BookForm(forms.Form):
    session = ChoiceByIdField(label=_("Workshop"), queryset=None)

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["session"].label_from_instance = _session_label


class PersonProfileForm(forms.ModelForm):
    """What a facilitator may change for a person they accompany."""

    phone = PhoneField(label=_("Phone"), required=False)

    class Meta:
        model = User
        fields = ["display_name", "language", "age_band", "postal_code", "phone"]
        widgets = {"postal_code": forms.TextInput(attrs={"inputmode": "numeric"})}


def _session_label(session) -> str:
    return f"{session.title} — {local_format(session.starts_at, 'l j F Y, H:i')}"
