"""Reminder e-mails about training paths, in each recipient's language, dates
in Belgian local time (the platform's ``TIME_ZONE``)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.dates import WEEKDAY_DAY, local_format
from common.links import absolute
from learners.models import User
from organisations.models import Membership, Role
from organisations.selectors import MANAGING_ROLES
from training.models import Trainee


def _in_language_of(person: User):
    return translation.override(person.language or settings.LANGUAGE_CODE)


def reminder_send(*, trainee: Trainee) -> None:
    """Remind a person of a path due soon, with the link to their dashboard."""
    person = trainee.user
    if not person.email:
        return
    with _in_language_of(person), timezone.override(settings.TIME_ZONE):
        context = {
            "name": person.display_name,
            "path": trainee.assignment.path.name,
            "organisation": trainee.assignment.organisation.name,
            "due": local_format(trainee.assignment.due_on, WEEKDAY_DAY),
            "url": absolute(reverse("learners:dashboard")),
            "site": settings.SITE_NAME,
        }
        subject = _("Reminder: %(path)s is due on %(due)s") % context
        message = render_to_string("training/email/reminder.txt", context)
    send_mail(subject, message, None, [person.email])


def assigned_send(*, trainee: Trainee) -> None:
    """Tell a person a path was given to them: what, by when, and the link to
    its page (they would otherwise find it only by opening their dashboard)."""
    person = trainee.user
    if not person.email:
        return
    assignment = trainee.assignment
    with _in_language_of(person), timezone.override(settings.TIME_ZONE):
        context = {
            "name": person.display_name,
            "path": assignment.path.name,
            "organisation": assignment.organisation.name,
            "due": local_format(assignment.due_on, WEEKDAY_DAY),
            "url": absolute(
                reverse(
                    "training:my_path", args=[assignment.organisation_id, trainee.id]
                )
            ),
            "site": settings.SITE_NAME,
        }
        subject = _("%(organisation)s gives you a training path: %(path)s") % context
        message = render_to_string("training/email/assigned.txt", context)
    send_mail(subject, message, None, [person.email])


def _managers_to_tell(trainee: Trainee) -> list[User]:
    assignment = trainee.assignment
    managing = Membership.objects.filter(
        organisation_id=assignment.organisation_id, role__in=MANAGING_ROLES
    ).select_related("user")
    assigner = managing.filter(user_id=assignment.assigned_by_id).first()
    if assigner is not None:
        return [assigner.user]
    # The person who assigned it left: the organisation's managers hear of it.
    return [each.user for each in managing.filter(role=Role.MANAGER)]


def overdue_send(*, trainee: Trainee) -> None:
    """Tell the manager(s) that a person has not finished a path on time."""
    assignment = trainee.assignment
    for manager in _managers_to_tell(trainee):
        if not manager.email:
            continue
        with _in_language_of(manager), timezone.override(settings.TIME_ZONE):
            context = {
                "name": manager.display_name,
                "person": str(trainee.user),
                "path": assignment.path.name,
                "due": local_format(assignment.due_on, WEEKDAY_DAY),
                "url": absolute(
                    reverse(
                        "training:assignment",
                        args=[assignment.organisation_id, assignment.id],
                    )
                ),
                "site": settings.SITE_NAME,
            }
            subject = _("%(person)s has not finished %(path)s on time") % context
            message = render_to_string("training/email/overdue.txt", context)
        send_mail(subject, message, None, [manager.email])
