"""Reads of scheduling: the public agenda, a session, an organiser's sessions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail import hooks

from common.text import search_key
from scheduling.models import Booking, Membership, Organiser, Session


def session_public(*, session_id: int) -> Session | None:
    """A published (or cancelled) session, as anyone may see it."""
    return (
        Session.objects.select_related("organiser", "course")
        .exclude(status=Session.Status.DRAFT)
        .filter(id=session_id)
        .first()
    )


def agenda(
    *,
    commune: str = "",
    on: date | None = None,
    topic: str = "",
    audience: str = "",
    organiser: Organiser | None = None,
) -> QuerySet[Session]:
    """Upcoming published sessions, filtered as a visitor asks."""
    sessions = Session.objects.filter(
        status=Session.Status.PUBLISHED, starts_at__gt=timezone.now()
    ).select_related("organiser")
    if commune:
        sessions = sessions.filter(
            Q(commune_key=search_key(commune)) | Q(postal_code=commune.strip())
        )
    if on:
        sessions = sessions.filter(starts_at__date=on)
    if topic:
        sessions = sessions.filter(
            Q(topic__icontains=topic) | Q(title__icontains=topic)
        )
    if audience:
        sessions = sessions.filter(audience=audience)
    if organiser:
        sessions = sessions.filter(organiser=organiser)
    return sessions.order_by("starts_at")


def organiser_get(*, organiser_id: int) -> Organiser | None:
    return Organiser.objects.filter(id=organiser_id).first()


@dataclass(frozen=True)
class OrganiserContact:
    """How the public reaches an organiser: its page, phone and e-mail (any empty)."""

    page_url: str = ""
    phone: str = ""
    email: str = ""

    @property
    def phone_uri(self) -> str:
        """The phone as a tel: link wants it: digits, and a leading "+" if any."""
        digits = re.sub(r"(?!^\+)\D", "", self.phone.replace("(0)", "").strip())
        return f"tel:{digits}"


def organiser_contact(*, organiser: Organiser) -> OrganiserContact:
    """The organiser's public page and phone, from the app that knows it.

    EPN spaces and Wallcode partners answer through the ``organiser_contact``
    hook (a function of the organiser returning an ``OrganiserContact`` or None):
    scheduling never imports the apps above it.
    """
    for hook in hooks.get_hooks("organiser_contact"):
        contact = hook(organiser)
        if contact is not None:
            return contact
    return OrganiserContact()


def organisers_of(*, user) -> QuerySet[Organiser]:
    """The organisers a person runs sessions for."""
    return Organiser.objects.filter(memberships__user=user).order_by("name")


def session_for_member(*, user, session_id: int) -> Session | None:
    """A session of one of the person's organisers; None for anyone else's."""
    return (
        Session.objects.select_related("organiser", "course")
        .filter(id=session_id, organiser__memberships__user=user)
        .first()
    )


def sessions_for_member(*, user) -> QuerySet[Session]:
    return (
        Session.objects.filter(organiser__memberships__user=user)
        .select_related("organiser")
        .order_by("-starts_at")
    )


def booking_for_member(*, user, booking_id: int) -> Booking | None:
    return (
        Booking.objects.select_related("session", "user")
        .filter(id=booking_id, session__organiser__memberships__user=user)
        .first()
    )


def session_bookings(*, session: Session) -> QuerySet[Booking]:
    """A session's bookings: confirmed, then waiting (in order), then cancelled."""
    return session.bookings.select_related("user").order_by("status", "created_at")


def my_booking(*, user, session: Session) -> Booking | None:
    if not user.is_authenticated:
        return None
    return (
        Booking.objects.filter(session=session, user=user)
        .exclude(status=Booking.Status.CANCELLED)
        .first()
    )


def my_booking_get(*, user, booking_uuid) -> Booking | None:
    """One of the person's own bookings (any status); None for anyone else's."""
    return (
        Booking.objects.select_related("session")
        .filter(uuid=booking_uuid, user=user)
        .first()
    )


def booking_for_check_in(*, user, booking_uuid) -> Booking | None:
    """A booking of a session the person runs (from its QR code)."""
    return (
        Booking.objects.select_related("session")
        .filter(uuid=booking_uuid, session__organiser__memberships__user=user)
        .first()
    )


def my_bookings(*, user) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(user=user)
        .exclude(status=Booking.Status.CANCELLED)
        .select_related("session")
        .order_by("session__starts_at")
    )


def is_member(*, user, organiser: Organiser) -> bool:
    return Membership.objects.filter(user=user, organiser=organiser).exists()


def attended_count(*, user) -> int:
    """How many workshops a person with an account attended (ticked present)."""
    return Booking.objects.filter(
        user=user, status=Booking.Status.CONFIRMED, attended=True
    ).count()
