"""Celery entry points of badges: awarding from progress, and telling learners."""

from celery import shared_task

from badges import notifications, services
from badges.models import Assertion
from common.retries import RETRY_ON_TRANSIENT_ERRORS
from learners.models import User


@shared_task(ignore_result=True, **RETRY_ON_TRANSIENT_ERRORS)
def badges_check(user_id: int) -> None:
    """Award the badges whose rules a learner's progress now meets."""
    user = User.objects.filter(id=user_id).first()
    if user is not None:
        services.badges_check(user=user)


@shared_task(ignore_result=True, **RETRY_ON_TRANSIENT_ERRORS)
def badge_notify(assertion_id: int) -> None:
    """Tell a learner, by e-mail, that they earned a badge."""
    assertion = Assertion.objects.filter(id=assertion_id).select_related(
        "badge_class", "recipient"
    )
    if assertion:
        notifications.badge_earned_notify(assertion=assertion[0])
