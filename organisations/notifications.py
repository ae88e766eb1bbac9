"""Invitation e-mails, in the invitee's language when the platform knows it
(they have an account), else in French; dates in Belgian local time (the
platform's ``TIME_ZONE``), whatever the worker's own time zone."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.dates import WEEKDAY_DAY_TIME, local_format
from common.links import absolute
from learners.models import User
from organisations.models import Invitation


def invitee_language(*, email: str) -> str:
    """The language of the account with this address, else the platform's."""
    language = (
        User.objects.filter(email__iexact=email)
        .values_list("language", flat=True)
        .first()
    )
    return language or settings.LANGUAGE_CODE


def invitation_email_send(*, invitation: Invitation, token: str) -> None:
    """Send the invitation with its link (whose secret only the e-mail holds)."""
    with (
        translation.override(invitee_language(email=invitation.email)),
        timezone.override(settings.TIME_ZONE),
    ):
        context = {
            "first_name": invitation.first_name,
            "organisation": invitation.organisation.name,
            "team": invitation.team.name if invitation.team else "",
            "role": invitation.get_role_display(),
            "expires": local_format(invitation.expires_at, WEEKDAY_DAY_TIME),
            "url": absolute(reverse("organisations:invitation", args=[token])),
            "site": settings.SITE_NAME,
        }
        subject = _("%(organisation)s invites you to train on %(site)s") % context
        message = render_to_string("organisations/email/invitation.txt", context)
    send_mail(subject, message, None, [invitation.email])
