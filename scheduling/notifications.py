"""Messages to people who booked: confirmation, waiting list, promotion, reminder,
cancellation — by e-mail when they gave one, by SMS when they gave a phone.

Times are shown in Belgian local time (the platform's ``TIME_ZONE``) and in the
person's language: a worker or a request may run in another time zone.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.dates import local_format
from scheduling import cancel_links, links
from scheduling.sms import sms_send

SUBJECTS = {
    "booked": lambda b: (
        _("Your seat for “%(title)s” is booked")
        if b.status == "confirmed"
        else _("You are on the waiting list for “%(title)s”")
    ),
    "promoted": lambda b: _("A seat is free for you: “%(title)s”"),
    "reminder": lambda b: _("Reminder: “%(title)s” is tomorrow"),
    "session_cancelled": lambda b: _("Cancelled: “%(title)s”"),
    "booking_cancelled": lambda b: _("Your booking for “%(title)s” is cancelled"),
}
# "samedi 5 décembre, 09:30": short enough for a text message.
SMS_DATE_FORMAT = "l j F, H:i"


def booking_notify(*, booking, event: str) -> None:
    """Tell the person who booked what happened, in their language."""
    language = booking.user.language if booking.user else None
    session = booking.session
    with (
        translation.override(language or session.language),
        timezone.override(settings.TIME_ZONE),
    ):
        context = {
            "booking": booking,
            "session": session,
            "event": event,
            "calendar_url": _calendar_url(booking, event),
            "cancel_by": _how_to_cancel(booking, event),
        }
        subject = SUBJECTS[event](booking) % {"title": session.title}
        text = render_to_string("scheduling/messages/booking.txt", context).strip()
        if booking.email:
            send_mail(subject, text, None, [booking.email])
        if booking.phone:
            body = [subject, _sms_details(booking)]
            if context["calendar_url"]:
                body.append(
                    _("Add to my calendar: %(url)s") % {"url": context["calendar_url"]}
                )
            if context["cancel_by"]:
                body.append(context["cancel_by"])
            sms_send(to=booking.phone, body="\n".join(body))


def _how_to_cancel(booking, event: str) -> str:
    """The link to cancel a booking still standing: a person who cannot come
    frees the seat for the next one waiting."""
    if event in ("session_cancelled", "booking_cancelled"):
        return ""
    return _("To cancel: %(url)s") % {"url": cancel_links.cancel_url(booking)}


def _calendar_url(booking, event: str) -> str:
    """Offered only to people holding a seat in a session that takes place."""
    if event == "session_cancelled" or booking.status != booking.Status.CONFIRMED:
        return ""
    return links.session_calendar_url(booking.session)


def _sms_details(booking) -> str:
    session = booking.session
    return _("%(date)s, %(place)s") % {
        "date": local_format(session.starts_at, SMS_DATE_FORMAT),
        "place": f"{session.venue_name}, {session.commune}",
    }
