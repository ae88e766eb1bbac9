"""The message that asks the maker of a registration to confirm it: by e-mail
when they gave an address, else by text message."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from scheduling.sms import sms_send
from wallcode.confirmation import CONFIRMATION_TIME, confirmation_url


def registration_confirmation_send(*, pending) -> None:
    """Send the confirmation link of ``pending`` to the contact it gives."""
    details, session = pending.details, pending.session
    url = confirmation_url(pending)
    subject = _("Confirm the registration for “%(title)s”") % {"title": session.title}
    hours = int(CONFIRMATION_TIME.total_seconds() // 3600)
    if details.get("email"):
        with timezone.override(settings.TIME_ZONE):
            text = render_to_string(
                "wallcode/messages/confirm.txt",
                {
                    "name": details.get("guardian_name")
                    or details.get("leader_name", ""),
                    "session": session,
                    "url": url,
                    "hours": hours,
                    "pending": pending,
                },
            ).strip()
        send_mail(subject, text, None, [details["email"]])
    elif details.get("phone"):
        body = _("Follow this link within %(hours)s hours: %(url)s") % {
            "hours": hours,
            "url": url,
        }
        sms_send(to=details["phone"], body=f"{subject}\n{body}")
