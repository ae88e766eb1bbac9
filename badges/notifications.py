"""Messages to learners about their badges, in their own language."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from badges import links

logger = logging.getLogger(__name__)


def badge_earned_notify(*, assertion) -> None:
    """E-mail the recipient that they earned a badge, with the link to its page.

    A person without e-mail (an account made at an EPN desk) finds it among
    their badges at their next visit.
    """
    recipient = assertion.recipient
    if not recipient.email:
        logger.info("Badge earned by an account without e-mail: no message sent")
        return
    with translation.override(recipient.language or None):
        context = {
            "assertion": assertion,
            "badge": assertion.badge_class,
            "page_url": links.badge_page_url(assertion),
            "name": recipient.display_name,
        }
        send_mail(
            subject=_("You earned the badge “%(badge)s”")
            % {"badge": assertion.badge_class.name},
            message=render_to_string("badges/email/badge_earned.txt", context),
            from_email=None,
            recipient_list=[recipient.email],
        )
