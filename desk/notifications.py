"""Messages of the EPN desk to facilitators, each in their own language.

Dates are shown in Belgian local time (the platform's ``TIME_ZONE``): a worker
may run in another time zone.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail import hooks

from common.dates import local_format
from common.links import absolute
from desk import selectors
from desk.models import ErasureNotice
from scheduling import selectors as scheduling


def erasure_notice_send(*, notice: ErasureNotice) -> int:
    """Tell the facilitators of the spaces that accompany the person (or last
    did) that the person's unused account will be erased, and when; then the
    apps above, through the ``assisted_account_erasure_notice`` hook. Returns
    how many e-mails were sent."""
    person = notice.person
    sent = 0
    for space in selectors.spaces_to_tell(person=person):
        for facilitator in scheduling.members_to_write(organiser=space):
            with (
                translation.override(facilitator.language or settings.LANGUAGE_CODE),
                timezone.override(settings.TIME_ZONE),
            ):
                context = {
                    "facilitator": facilitator.display_name,
                    "person": person.display_name,
                    "space": space.name,
                    "date": local_format(notice.erase_on),
                    "desk_url": absolute(reverse("desk:home")),
                }
                subject = _("%(person)s's account will be erased on %(date)s") % {
                    "person": person.display_name,
                    "date": context["date"],
                }
                message = render_to_string("desk/email/erasure_notice.txt", context)
            send_mail(subject, message, None, [facilitator.email])
            sent += 1
    # Others a person without e-mail belongs to (a child's class, made by a
    # partner, not at a desk) are told by their own app: each hook, a function
    # of the notice, sends its own e-mails and returns how many.
    for hook in hooks.get_hooks("assisted_account_erasure_notice"):
        sent += hook(notice)
    return sent
