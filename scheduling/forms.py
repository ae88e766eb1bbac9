"""Forms of the agenda and the facilitator pages: shape only, rules in services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.choice_fields import ChoiceByIdField, ChoicesByIdField
from common.date_fields import CalendarDateField, CalendarDateTimeField
from common.idempotency import form_token_field
from common.phones import PhoneField
from scheduling.models import Audience, Booking, Session


class AgendaFilterForm(forms.Form):
    place = forms.CharField(
        label=_("Postal code or commune"),
        help_text=_("The nearest workshops come first."),
        required=False,
        max_length=100,
    )
    on = CalendarDateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    topic = forms.CharField(label=_("Topic"), required=False, max_length=100)
    audience = forms.ChoiceField(
        label=_("For whom"),
        required=False,
        choices=[("", _("Everyone and all audiences")), *Audience.choices],
    )


class DeskBookingForm(forms.Form):
    """A facilitator books someone in at the desk: a name and a phone suffice."""

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        # Someone else's name: the tablet must not suggest the facilitator's own.
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    phone = PhoneField(
        label=_("Phone"),
        required=False,
        help_text=_("A Belgian number, or a number with its country code (+33…)."),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        max_length=Booking._meta.get_field("email").max_length,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=60, initial=1)
    # Set by the "Book anyway" button, after a likely duplicate was shown.
    book_anyway = forms.BooleanField(required=False, widget=forms.HiddenInput)
    form_token = form_token_field()


class BookingButtonForm(forms.Form):
    """The session page's "Book my seat" button: its token, nothing to fill in."""

    form_token = form_token_field()


class SessionForm(forms.ModelForm):
    # Not a model field of the form (Meta.fields): it is the service's to store.
    form_token = form_token_field()

    class Meta:
        model = Session
        fields = [
            "organiser",
            "title",
            "description",
            "topic",
            "course",
            "starts_at",
            "ends_at",
            "venue_name",
            "address",
            "postal_code",
            "commune",
            "capacity",
            "language",
            "audience",
            "age_min",
            "age_max",
            "price",
            "status",
        ]
        field_classes = {
            "organiser": ChoiceByIdField,
            "course": ChoiceByIdField,
            "starts_at": CalendarDateTimeField,
            "ends_at": CalendarDateTimeField,
        }
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args, organisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers
        self.fields["organiser"].empty_label = None
        self.fields["status"].choices = [
            c for c in Session.Status.choices if c[0] != Session.Status.CANCELLED
        ]
        if self.instance.pk:
            self.fields["organiser"].disabled = True
            del self.fields["form_token"]  # a change made twice creates nothing

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        # A past session may be corrected later (its hours, its room), but nobody
        # creates one: it is a typo in the date, and no one could book it.
        if self.instance.pk is None and starts_at <= timezone.now():
            raise forms.ValidationError(
                _("A new session starts in the future: check the date."),
                code="start_in_past",
            )
        return starts_at


class AttendanceForm(forms.Form):
    """The ticked bookings of a session's list, each one of ``bookings``."""

    attended = ChoicesByIdField(queryset=Booking.objects.none(), required=False)

    def __init__(self, *args, bookings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = bookings
