"""Reads of scheduling: the public agenda, a session, an organiser's sessions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from wagtail import hooks

from common import geography
from common.accents import Unaccent, unaccented
from common.geography import Place
from common.phones import phone_e164
from common.text import search_key
from scheduling import exceptions
from scheduling.models import Booking, Membership, Organiser, Session

# How far the agenda looks around a place: a bus ride, in rural Wallonia too.
NEAR_RADIUS_KM = 30
# Farther than any two places of Wallonia, and how many of the nearest
# workshops are shown when none is within NEAR_RADIUS_KM.
ANYWHERE_KM = 400
FARTHER_SHOWN = 5
# A longitude degree is shorter than a latitude degree; cos(49.5°) keeps the box
# wide enough everywhere in Wallonia.
KM_PER_DEGREE = 111.0
MIN_COS_LATITUDE = 0.64


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
    on: date | None = None,
    topic: str = "",
    audience: str = "",
    organiser: Organiser | None = None,
) -> QuerySet[Session]:
    """Upcoming published sessions, filtered as a visitor asks, soonest first."""
    sessions = Session.objects.filter(
        status=Session.Status.PUBLISHED, starts_at__gt=timezone.now()
    ).select_related("organiser")
    if on:
        sessions = sessions.filter(starts_at__date=on)
    if topic:
        # Accents and case aside: "securite" finds "Sécurité en ligne".
        key = unaccented(topic)
        sessions = sessions.alias(
            topic_key=Unaccent("topic"), title_key=Unaccent("title")
        ).filter(Q(topic_key__icontains=key) | Q(title_key__icontains=key))
    if audience:
        sessions = sessions.filter(audience=audience)
    if organiser:
        sessions = sessions.filter(organiser=organiser)
    return sessions.order_by("starts_at")


def place_find(*, text: str) -> Place:
    """The place a visitor types (postal code or commune), to search around it."""
    place = geography.place_find(text.strip())
    if place is None:
        raise exceptions.PlaceUnknown()
    return place


@dataclass(frozen=True)
class SessionFound:
    """A session of the agenda and, for a search near a place, how far it is."""

    session: Session
    distance_km: float | None = None


def agenda_near(
    *,
    place: Place,
    radius_km: float = NEAR_RADIUS_KM,
    on: date | None = None,
    topic: str = "",
    audience: str = "",
    limit: int = 200,
) -> list[SessionFound]:
    """Upcoming sessions around a place, nearest first (soonest first at a venue).

    A session is placed by its coordinates, else by the centre of its postal
    code; one whose postal code the list lacks still shows when its commune is
    the place's, at the end (its distance unknown). One query.
    """
    codes = geography.places_within(place, radius_km)
    lat_span = radius_km / KM_PER_DEGREE
    lon_span = lat_span / MIN_COS_LATITUDE
    located = Q(
        latitude__range=(place.latitude - lat_span, place.latitude + lat_span),
        longitude__range=(place.longitude - lon_span, place.longitude + lon_span),
    )
    unlocated = Q(latitude__isnull=True) | Q(longitude__isnull=True)
    sessions = agenda(on=on, topic=topic, audience=audience).filter(
        located
        | (unlocated & Q(postal_code__in=codes))
        | (unlocated & Q(commune_key=search_key(place.commune)))
    )
    found = []
    for session in sessions:
        distance = _distance_km(place, session, codes)
        if distance is None or distance <= radius_km:
            found.append(SessionFound(session=session, distance_km=distance))
    found.sort(
        key=lambda item: (
            item.distance_km is None,
            round(item.distance_km or 0),
            item.session.starts_at,
        )
    )
    return found[:limit]


@dataclass(frozen=True)
class AgendaFound:
    """The agenda's answer: its sessions, and the place they are sorted from;
    ``farther``: none was near it, so these are the nearest further away."""

    sessions: list[SessionFound]
    near: Place | None = None
    farther: bool = False


def agenda_search(
    *,
    place: str = "",
    on: date | None = None,
    topic: str = "",
    audience: str = "",
    limit: int = 200,
) -> AgendaFound:
    """The agenda as a visitor asks: nearest first around a typed place, else soonest.

    Raises ``PlaceUnknown`` for a place the postal code list does not hold.
    """
    filters = {"on": on, "topic": topic, "audience": audience}
    if not place.strip():
        sessions = agenda(**filters)[:limit]
        return AgendaFound(sessions=[SessionFound(session=s) for s in sessions])
    near = place_find(text=place)
    nearby = agenda_near(place=near, limit=limit, **filters)
    if nearby:
        return AgendaFound(sessions=nearby, near=near)
    # Nothing within reach: the nearest further away, rather than a dead end.
    farther = agenda_near(
        place=near, radius_km=ANYWHERE_KM, limit=FARTHER_SHOWN, **filters
    )
    return AgendaFound(sessions=farther, near=near, farther=bool(farther))


def _distance_km(
    place: Place, session: Session, codes: dict[str, float]
) -> float | None:
    if session.latitude is not None and session.longitude is not None:
        return geography.distance_km(
            place.latitude, place.longitude, session.latitude, session.longitude
        )
    if session.postal_code in codes:
        return codes[session.postal_code]
    centre = geography.place_by_postal_code(session.postal_code)
    if centre is None:
        return None
    return geography.distance_km(
        place.latitude, place.longitude, centre.latitude, centre.longitude
    )


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


def members_to_write(*, organiser: Organiser) -> QuerySet:
    """The active members of an organiser (an EPN space's facilitators, a
    partner's members) who have an e-mail address, to tell them something."""
    return (
        organiser.members.filter(is_active=True)
        .exclude(email__isnull=True)
        .exclude(email="")
        .order_by("id")
    )


def member_organisers(*, user) -> list[Organiser]:
    """The organisers a person runs sessions for, read once per user object.

    The main menu asks on every page (scheduling and wallcode both); the answer
    is kept on the request's user, so a learner's page pays one query for it.
    """
    if not hasattr(user, "_member_organisers"):
        user._member_organisers = list(organisers_of(user=user))
    return user._member_organisers


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


def bookings_of(*, user) -> QuerySet[Booking]:
    """Every booking of a person with an account, cancelled ones too, oldest first."""
    return (
        Booking.objects.filter(user=user)
        .select_related("session")
        .order_by("created_at", "id")
    )


def bookings_to_release(*, user) -> QuerySet[Booking]:
    """A person's bookings that hold or wait for a seat in a session to come."""
    return (
        Booking.objects.filter(user=user, session__starts_at__gt=timezone.now())
        .exclude(status=Booking.Status.CANCELLED)
        .select_related("session")
    )


def is_member(*, user, organiser: Organiser) -> bool:
    return Membership.objects.filter(user=user, organiser=organiser).exists()


def attended_count(*, user) -> int:
    """How many workshops a person with an account attended (ticked present)."""
    return Booking.objects.filter(
        user=user, status=Booking.Status.CONFIRMED, attended=True
    ).count()


def is_facilitator(*, user) -> bool:
    """Whether the person runs sessions for a space or a partner (any role)."""
    return bool(user.is_authenticated) and Membership.objects.filter(user=user).exists()


@dataclass(frozen=True)
class DeskSessions:
    """A facilitator's sessions in the order of the day's work."""

    today: list[Session]
    upcoming: list[Session]
    past: list[Session]
    past_total: int


def desk_sessions(
    *, user, now: datetime | None = None, past_limit: int = 10
) -> DeskSessions:
    """Today's sessions, then upcoming ones (soonest first), then the last past ones.

    "Today" is the local calendar day, so a session held this morning stays on
    top until midnight, when attendance is usually taken.
    """
    local_now = timezone.localtime(now or timezone.now())
    today_starts = timezone.make_aware(datetime.combine(local_now.date(), time.min))
    tomorrow_starts = timezone.make_aware(
        datetime.combine(local_now.date() + timedelta(days=1), time.min)
    )
    mine = sessions_for_member(user=user)
    past = mine.filter(starts_at__lt=today_starts).order_by("-starts_at")
    past_shown = list(past[:past_limit])
    return DeskSessions(
        today=list(
            mine.filter(
                starts_at__gte=today_starts, starts_at__lt=tomorrow_starts
            ).order_by("starts_at")
        ),
        upcoming=list(
            mine.filter(starts_at__gte=tomorrow_starts).order_by("starts_at")
        ),
        past=past_shown,
        past_total=past.count() if len(past_shown) == past_limit else len(past_shown),
    )


def _phone_key(phone: str) -> str:
    try:
        return phone_e164(phone)
    except ValidationError:
        return phone.strip()


def desk_booking_duplicates(
    *, session: Session, name: str, phone: str = ""
) -> list[Booking]:
    """Live bookings of a session that are likely the same person.

    The same phone number, or the same name once case, accents and hyphens are
    set aside ("marie-dupont" is "Marie Dupont").
    """
    name_key = search_key(name)
    phone_key = _phone_key(phone) if phone.strip() else ""
    live = session.bookings.exclude(status=Booking.Status.CANCELLED).order_by(
        "created_at", "id"
    )
    return [
        booking
        for booking in live
        if (phone_key and booking.phone and _phone_key(booking.phone) == phone_key)
        or (name_key and search_key(booking.name) == name_key)
    ]


@dataclass(frozen=True)
class CancelReach:
    """Who would be told if a session were cancelled now, and how."""

    bookings: int
    by_email: int
    by_sms: int


def session_cancel_reach(*, session: Session) -> CancelReach:
    """How many live bookings a session's cancellation tells, by e-mail and by SMS."""
    counts = session.bookings.exclude(status=Booking.Status.CANCELLED).aggregate(
        bookings=Count("id"),
        by_email=Count("id", filter=~Q(email="")),
        by_sms=Count("id", filter=~Q(phone="")),
    )
    return CancelReach(**counts)
