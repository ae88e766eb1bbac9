"""Messages to people who booked: confirmation, waiting list, promotion, reminder,
cancellation — by e-mail when they gave one, by SMS when they gave a phone."""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

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
}


def booking_notify(*, booking, event: str) -> None:
    """Tell the person who booked what happened, in their language."""
    language = booking.user.language if booking.user else None
    with translation.override(language or booking.session.language):
        context = {"booking": booking, "session": booking.session, "event": event}
        subject = SUBJECTS[event](booking) % {"title": booking.session.title}
        text = render_to_string("scheduling/messages/booking.txt", context).strip()
        if booking.email:
            send_mail(subject, text, None, [booking.email])
        if booking.phone:
            sms_send(to=booking.phone, body=f"{subject}\n{_sms_details(booking)}")


def _sms_details(booking) -> str:
    session = booking.session
    when = translation.gettext("%(date)s, %(place)s") % {
        "date": session.starts_at.strftime("%d/%m %H:%M"),
        "place": f"{session.venue_name}, {session.commune}",
    }
    return when
