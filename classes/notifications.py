"""Messages of classes to the members of Wallcode partners, each in their own
language. Dates are shown in Belgian local time (the platform's ``TIME_ZONE``):
a worker may run in another time zone."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from classes import selectors
from common.dates import local_format
from common.links import absolute
from learners.models import User
from scheduling import selectors as scheduling


def erasure_notice_send(*, person: User, erase_on: date) -> int:
    """Tell the members of the partner of each class the child is in that the
    child's unused account will be erased on ``erase_on`` (``desk.retention``).
    Returns how many e-mails were sent."""
    sent = 0
    for place in selectors.places_of(person=person):
        classroom = place.classroom
        members = scheduling.members_to_write(organiser=classroom.organiser)
        for member in members:
            with (
                translation.override(member.language or settings.LANGUAGE_CODE),
                timezone.override(settings.TIME_ZONE),
            ):
                context = {
                    "member": member.display_name,
                    "child": person.display_name,
                    "class": classroom.name,
                    "partner": classroom.organiser.name,
                    "date": local_format(erase_on),
                    "class_url": absolute(
                        reverse("classes:detail", args=[classroom.id])
                    ),
                }
                subject = _(
                    "%(child)s's account (%(class)s) will be erased on %(date)s"
                ) % {k: context[k] for k in ("child", "class", "date")}
                message = render_to_string("classes/email/erasure_notice.txt", context)
            send_mail(subject, message, None, [member.email])
            sent += 1
    return sent
