"""Builders for Wallcode tests: partners (with their organiser), held activities."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone

from scheduling.models import Membership, Session
from wallcode import services
from wallcode.confirmation import confirmation_url
from wallcode.models import Partner, PendingRegistration


def partner_create(
    *,
    name: str = "CoderDojo Liège",
    slug: str = "",
    postal_code: str = "4000",
    commune: str = "Liège",
    kind: str = Partner.Kind.CODING_CLUB,
    members=(),
) -> Partner:
    partner = services.partner_save(
        partner=Partner(
            name=name,
            slug=slug,
            postal_code=postal_code,
            commune=commune,
            kind=kind,
        )
    )
    for user in members:
        services.partner_member_add(
            partner=partner, user=user, role=Membership.Role.MANAGER
        )
    return partner


def held(session: Session, *, days_ago: int = 10) -> Session:
    """Move a session (booked while it was upcoming) into the past."""
    starts = timezone.now() - timedelta(days=days_ago)
    Session.objects.filter(id=session.id).update(
        starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    session.refresh_from_db()
    return session


def confirmation_path(pending: PendingRegistration | None = None) -> str:
    """The path of the link sent for ``pending`` (the latest request if None)."""
    pending = pending or PendingRegistration.objects.latest("id")
    return urlsplit(confirmation_url(pending)).path


def confirm_latest(client):
    """Confirm the latest registration request, as its maker does from the link."""
    return client.post(confirmation_path())
