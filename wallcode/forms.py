"""Wallcode forms: shape only; rules live in services and scheduling."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from common.date_fields import CalendarDateField
from common.idempotency import form_token_field
from common.phones import PhoneField
from scheduling.exceptions import GuardianConsentMissing
from scheduling.models import AgeBand, Booking, Gender
from wallcode import selectors
from wallcode.models import POSTAL_CODE

# No age chosen beforehand: a parent who skips the field is asked, rather
# than registering a child as "under 12" unawares.
YOUTH_AGE_BANDS = [("", _("Choose an age"))] + [
    (band, label)
    for band, label in AgeBand.choices
    if band in (AgeBand.UNDER_12, AgeBand.FROM_12_TO_15, AgeBand.FROM_16_TO_18)
]
GENDERS = [
    ("", _("Prefer not to say")),
    (Gender.FEMALE, _("A girl")),
    (Gender.MALE, _("A boy")),
    (Gender.OTHER, _("Other")),
]
CONTACT_HELP = _("Give an e-mail address, a mobile phone number, or both.")


def _postal_code(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=4,
        min_length=4,
        validators=[POSTAL_CODE],
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 6}
        ),
    )


def _email(label) -> forms.EmailField:
    return forms.EmailField(
        label=label,
        required=False,
        max_length=Booking._meta.get_field("email").max_length,
        help_text=CONTACT_HELP,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def _phone(label) -> PhoneField:
    return PhoneField(label=label, required=False)


class ContactRequired(forms.Form):
    """An e-mail address or a phone number, said on the e-mail field: the
    person's name is a field of its own, so scheduling's "Give a name, and a
    phone number or an e-mail address" would blame what they typed already."""

    def clean(self):
        cleaned = super().clean()
        typed_wrong = "email" in self.errors or "phone" in self.errors
        if not (cleaned.get("email") or cleaned.get("phone") or typed_wrong):
            self.add_error(
                "email",
                _(
                    "Give your e-mail address or your phone number: the "
                    "confirmation link is sent there."
                ),
            )
        return cleaned


class GroupRegistrationForm(ContactRequired):
    """A teacher or leader registers a group of children (who need no account)."""

    leader_name = forms.CharField(
        label=_("Your name (teacher or leader)"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = _email(_("Your e-mail address"))
    phone = _phone(_("Your phone number"))
    group_name = forms.CharField(
        label=_("School or group"),
        max_length=90,
        help_text=_("For example: École communale des Tilleuls, 5e primaire."),
    )
    postal_code = _postal_code(_("Postal code of the school or group"))
    seats = forms.IntegerField(
        label=_("Number of children"), min_value=1, max_value=60, initial=10
    )
    age_band = forms.ChoiceField(
        label=_("Age of the children"), choices=YOUTH_AGE_BANDS
    )
    girls = forms.IntegerField(
        label=_("Of whom girls"), min_value=0, max_value=60, required=False
    )
    boys = forms.IntegerField(
        label=_("Of whom boys"), min_value=0, max_value=60, required=False
    )
    form_token = form_token_field()

    leader_fields = ("leader_name", "email", "phone")
    group_fields = ("group_name", "postal_code", "seats", "age_band")
    gender_fields = ("girls", "boys")


class ChildRegistrationForm(ContactRequired):
    """A parent or guardian registers one child, and consents to it."""

    first_name = forms.CharField(
        label=_("The child's first name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    age_band = forms.ChoiceField(label=_("The child's age"), choices=YOUTH_AGE_BANDS)
    gender = forms.ChoiceField(
        label=_("The child is (optional)"), choices=GENDERS, required=False
    )
    postal_code = _postal_code(_("Postal code where the child lives"))
    guardian_name = forms.CharField(
        label=_("Your name (parent or guardian)"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = _email(_("Your e-mail address"))
    phone = _phone(_("Your phone number"))
    # Asked here too, with scheduling's own words, so that an empty form says
    # everything that is missing at once (scheduling still refuses without it).
    consent = forms.BooleanField(
        label=_(
            "I am the child's parent or guardian and I agree to this registration "
            "and to the organiser keeping these details for this activity."
        ),
        error_messages={"required": GuardianConsentMissing.message},
    )
    form_token = form_token_field()

    child_fields = ("first_name", "age_band", "gender", "postal_code")
    guardian_fields = ("guardian_name", "email", "phone", "consent")


def _date_input() -> forms.DateInput:
    # A date input's value is always ISO 8601, whatever the page's language.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportPeriodForm(forms.Form):
    start = CalendarDateField(label=_("First day"), widget=_date_input())
    end = CalendarDateField(label=_("Last day"), widget=_date_input())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            self.add_error("end", _("The end of the period comes after its start."))
        return cleaned


class AccountsByEmailField(forms.ModelMultipleChoiceField):
    """People with an account, named by their e-mail address, one a line."""

    widget = forms.Textarea(attrs={"rows": 3})
    default_error_messages = {
        "invalid_choice": _("No account has the e-mail address %(value)s."),
        "invalid_pk_value": _("“%(pk)s” is not an e-mail address."),
    }

    def __init__(self, **kwargs):
        super().__init__(
            queryset=get_user_model().objects.all(),
            to_field_name="email",
            required=False,
            **kwargs,
        )

    @staticmethod
    def emails(value) -> list[str]:
        if isinstance(value, str):
            value = value.replace(",", "\n").splitlines()
        return sorted({str(email).strip().lower() for email in value or () if email})

    def clean(self, value):
        emails = self.emails(value)
        if not emails:
            return self.queryset.none()
        return self._check_values(emails)

    def prepare_value(self, value):
        return value if isinstance(value, str) else "\n".join(self.emails(value))

    def has_changed(self, initial, data) -> bool:
        return self.emails(initial) != self.emails(data)


class PartnerAdminForm(WagtailAdminModelForm):
    """The operators' partner form, with the partner's members by e-mail address."""

    managers = AccountsByEmailField(
        label=_("Managers"),
        help_text=_(
            "E-mail addresses of the accounts that manage this partner, one a line. "
            "They see its reach report."
        ),
    )
    facilitators = AccountsByEmailField(
        label=_("Facilitators"),
        help_text=_(
            "E-mail addresses of the accounts that run its activities, one a line."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            emails = selectors.partner_member_emails(partner=self.instance)
            self.initial.setdefault("managers", emails["manager"])
            self.initial.setdefault("facilitators", emails["facilitator"])
