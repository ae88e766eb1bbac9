"""Reads of Wallcode: partners, their activities, who may see their reports."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from scheduling import exceptions as scheduling_errors
from scheduling import selectors as scheduling
from scheduling.models import Booking, Membership, Organiser, Session
from wallcode import confirmation, exceptions
from wallcode.models import Partner, PendingRegistration

REPORT_PERMISSION = "wallcode.view_partner"


def partners_public() -> QuerySet[Partner]:
    """Every partner, for the public directory."""
    return Partner.objects.order_by("name")


def partners_of_member(*, user) -> list[Partner]:
    """The partners whose activities this person runs (no query for learners)."""
    organiser_ids = [
        organiser.id
        for organiser in scheduling.member_organisers(user=user)
        if organiser.kind == Organiser.Kind.PARTNER
    ]
    if not organiser_ids:
        return []
    return list(Partner.objects.filter(organiser_id__in=organiser_ids).order_by("name"))


def partner_get(*, slug: str) -> Partner | None:
    return Partner.objects.select_related("organiser").filter(slug=slug).first()


def partners_with_activities(*, partners) -> bool:
    """Whether any of these partners has ever had an activity (kept for reports)."""
    return Session.objects.filter(
        organiser_id__in=[partner.organiser_id for partner in partners]
    ).exists()


def partner_activities(*, partner: Partner) -> QuerySet[Session]:
    """The partner's upcoming published activities, soonest first."""
    return scheduling.agenda(organiser=partner.organiser)


def wallcode_session(*, session_id: int) -> Session | None:
    """A session run by a Wallcode partner, whatever its status; None otherwise."""
    return (
        Session.objects.select_related("organiser__wallcode_partner")
        .filter(id=session_id, organiser__wallcode_partner__isnull=False)
        .first()
    )


def registration_get(*, uuid: str, session_id: int) -> Booking | None:
    """A registration to a Wallcode session, by the key its maker was given."""
    try:
        return (
            Booking.objects.select_related("session__organiser__wallcode_partner")
            .filter(
                uuid=uuid,
                session_id=session_id,
                session__organiser__wallcode_partner__isnull=False,
            )
            .first()
        )
    except ValidationError:  # not a UUID
        return None


def registration_request_get(
    *, uuid: str, session_id: int
) -> PendingRegistration | None:
    """A registration request, waiting for confirmation or confirmed (then with
    its booking), by the key its maker was given."""
    try:
        return (
            PendingRegistration.objects.select_related(
                "session__organiser__wallcode_partner", "booking"
            )
            .filter(uuid=uuid, session_id=session_id)
            .first()
        )
    except ValidationError:  # not a UUID
        return None


def registration_request_for_link(*, token: str) -> PendingRegistration:
    """The registration request a confirmation link names, still confirmable or
    already confirmed; a domain error for a forged, expired or forgotten link."""
    pending = (
        PendingRegistration.objects.select_related(
            "session__organiser__wallcode_partner", "booking"
        )
        .filter(uuid=confirmation.pending_uuid(token))
        .first()
    )
    if pending is None or (pending.booking is None and not pending.details):
        raise exceptions.ConfirmationLinkExpired()
    if pending.booking is None and pending.expires_at <= timezone.now():
        raise exceptions.ConfirmationLinkExpired()
    return pending


def registration_closed(
    *, session: Session
) -> scheduling_errors.SchedulingError | None:
    """Why a session cannot take registrations (the error booking would raise)."""
    if session.status == Session.Status.CANCELLED:
        return scheduling_errors.SessionCancelled()
    if session.status != Session.Status.PUBLISHED:
        return scheduling_errors.SessionNotPublished()
    if session.is_past:
        return scheduling_errors.SessionPast()
    return None


def programme_report_allowed(*, user) -> bool:
    """Staff who may see Wallcode partners read the programme's figures."""
    return bool(
        user.is_authenticated and user.is_staff and user.has_perm(REPORT_PERMISSION)
    )


def partner_report_allowed(*, user, partner: Partner) -> bool:
    """A partner's members, and staff who may see partners, read its figures."""
    if not user.is_authenticated:
        return False
    return (
        programme_report_allowed(user=user)
        or Membership.objects.filter(
            organiser_id=partner.organiser_id, user=user
        ).exists()
    )


def partner_for_report(*, user, slug: str) -> Partner | None:
    """The partner whose report this person may read; None if not theirs to see."""
    partner = partner_get(slug=slug)
    if partner is None or not partner_report_allowed(user=user, partner=partner):
        return None
    return partner


def partner_member_emails(*, partner: Partner) -> dict[str, list[str]]:
    """The e-mail addresses of the partner's members, by role."""
    emails: dict[str, list[str]] = {role: [] for role in Membership.Role.values}
    rows = (
        Membership.objects.filter(organiser_id=partner.organiser_id)
        .order_by("user__email")
        .values_list("role", "user__email")
    )
    for role, email in rows:
        emails[role].append(email)
    return emails
