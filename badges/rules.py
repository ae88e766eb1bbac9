"""Award rules: whether a learner's progress earns a badge, and the evidence."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from badges.models import Assertion, AwardRule, BadgeClass
from learners import selectors as learning
from scheduling import selectors as scheduling


def rule_evidence(badge_class: BadgeClass, user) -> str | None:
    """What the learner did that meets the badge's rule, or None if it is not met."""
    if badge_class.rule in (AwardRule.COURSE_COMPLETED, AwardRule.COURSE_SCORE):
        return _course_evidence(badge_class, user)
    if badge_class.rule == AwardRule.BADGES_HELD:
        return _badges_evidence(badge_class, user)
    if badge_class.rule == AwardRule.WORKSHOPS_ATTENDED:
        return _workshops_evidence(badge_class, user)
    return None


def _workshops_evidence(badge_class: BadgeClass, user) -> str | None:
    attended = scheduling.attended_count(user=user)
    if attended < badge_class.rule_workshops:
        return None
    return ngettext(
        "Attended %(count)d workshop.", "Attended %(count)d workshops.", attended
    ) % {"count": attended}


def _course_evidence(badge_class: BadgeClass, user) -> str | None:
    result = learning.course_result(user=user, course_id=badge_class.rule_course_id)
    if result is None or result.completed_at is None:
        return None
    course = badge_class.rule_course.title
    if badge_class.rule == AwardRule.COURSE_COMPLETED:
        return _("Completed the course “%(course)s”.") % {"course": course}
    score = result.average_score
    # Rounded to a hundredth of a percent: averages of scaled scores carry float
    # noise (0.06 and 0.82 average to 43.999…%, which is 44 %).
    if score is None or round(score * 100, 2) < badge_class.rule_min_score:
        return None
    message = _(
        "Completed the course “%(course)s” with an average score of %(score)d%%."
    )
    return message % {"course": course, "score": round(score * 100)}


def _badges_evidence(badge_class: BadgeClass, user) -> str | None:
    wanted = {b.id: b.name for b in badge_class.rule_badges.all()}
    if not wanted:
        return None
    held = set(
        Assertion.objects.filter(
            Q(expires__isnull=True) | Q(expires__gt=timezone.now()),
            recipient=user,
            badge_class_id__in=wanted,
            revoked_at__isnull=True,
        ).values_list("badge_class_id", flat=True)
    )
    if held != set(wanted):
        return None
    return _("Holds the badges %(badges)s.") % {
        "badges": ", ".join(sorted(wanted.values()))
    }
