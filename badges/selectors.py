"""Reads of badges: public documents, a learner's backpack, revocations."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from badges.models import (
    Assertion,
    AwardRule,
    BadgeClass,
    CourseCertificate,
    Issuer,
)
from courses.models import Competence


def issuer_get(*, uuid) -> Issuer | None:
    return Issuer.objects.select_related("image").filter(uuid=uuid).first()


def badge_class_get(*, uuid) -> BadgeClass | None:
    return (
        BadgeClass.objects.select_related("issuer", "image")
        .prefetch_related("competences")
        .filter(uuid=uuid)
        .first()
    )


def assertion_get(*, uuid) -> Assertion | None:
    """An assertion by its public id: anyone with the URL may see it."""
    return (
        Assertion.objects.select_related(
            "badge_class", "badge_class__issuer", "badge_class__image", "recipient"
        )
        .filter(uuid=uuid)
        .first()
    )


def backpack(*, user) -> QuerySet[Assertion]:
    """A learner's badges, newest first, revoked ones included (marked as such)."""
    return Assertion.objects.filter(recipient=user).select_related(
        "badge_class", "badge_class__image"
    )


def revoked_assertions(*, issuer: Issuer) -> QuerySet[Assertion]:
    """Assertions of this issuer's badges that were revoked."""
    issued_here = Q(badge_class__issuer=issuer)
    if issuer.is_default:
        issued_here |= Q(badge_class__issuer__isnull=True)
    return (
        Assertion.objects.filter(issued_here, revoked_at__isnull=False)
        .select_related("badge_class")
        .order_by("revoked_at")
    )


def certificate_get(*, uuid) -> CourseCertificate | None:
    """A certificate by its public id: anyone with the URL may check it."""
    return (
        CourseCertificate.objects.select_related("enrolment__user", "enrolment__course")
        .filter(uuid=uuid)
        .first()
    )


def certificates_of(*, user) -> QuerySet[CourseCertificate]:
    return CourseCertificate.objects.filter(enrolment__user=user).select_related(
        "enrolment__course"
    )


def certificate_competences(*, course) -> list[Competence]:
    """The DigComp competences a course certificate shows: the course's own, else
    those of the active badges that completing the course earns."""
    competences = list(course.competences.order_by("code"))
    if competences:
        return competences
    return list(
        Competence.objects.filter(
            badge_classes__rule__in=[
                AwardRule.COURSE_COMPLETED,
                AwardRule.COURSE_SCORE,
            ],
            badge_classes__rule_course=course,
            badge_classes__active=True,
        )
        .distinct()
        .order_by("code")
    )
