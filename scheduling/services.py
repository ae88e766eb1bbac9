"""Writes of scheduling: sessions, bookings, waiting list, cancellation, attendance.

Seats are taken and given back with conditional UPDATEs of the session row, in
the transaction that writes the booking: two people booking the last seat at the
same instant get one seat and one place on the waiting list, never an error and
never an overbooked session (the database refuses it too).

A booking or new-session form sent twice (a double click, a retry) creates once:
its token is kept with what it made (``common.idempotency``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from wagtail import hooks

from common.commit import on_commit_safely, task_send
from common.idempotency import create_once
from common.page_cache import AGENDA, pages_changed
from learners.services import platform_authority
from scheduling import exceptions, selectors
from scheduling.models import Booking, Session
from scheduling.statements import attended_statement
from xapi import services as lrs

STATUS = Booking.Status


def booking_create(
    *,
    session: Session,
    name: str,
    user=None,
    phone: str = "",
    email: str = "",
    seats: int = 1,
    booked_by=None,
    guardian_name: str = "",
    guardian_consents: bool = False,
    minor: bool = False,
    participants: Mapping[str, object] | None = None,
    form_token: UUID | None = None,
) -> Booking:
    """Book seats: confirmed while seats are left, else on the waiting list.

    ``participants``: the reach report's optional fields of the booking (age
    band, gender, participant's postal code, girls and boys), written with it.
    ``form_token``: the booking form's; the same form sent again gets the
    booking it made, and takes no seat.
    """
    person = {
        "user": user,
        "name": name.strip(),
        "phone": phone.strip(),
        # A person without e-mail (an account made at an EPN desk) has None.
        "email": email.strip() or (user.email if user else "") or "",
        "seats": seats,
    }
    consent = {
        "guardian_name": guardian_name,
        "guardian_consents": guardian_consents,
        "minor": minor,
    }

    def create() -> Booking:
        booking_check(session=session, **person, **consent)
        return _booking_insert(
            session=session,
            booked_by=booked_by,
            form_token=form_token,
            **person,
            **consent,
            **(participants or {}),
        )

    same = _same_booking(session=session, booked_by=booked_by, **person)
    try:
        booking, created = create_once(same, form_token, create)
    except IntegrityError:
        if user is not None and _live_booking(session, user):
            raise exceptions.AlreadyBooked() from None
        raise
    if created:
        on_commit_safely(lambda: _after_change(session.id, booked=[booking]))
    return booking


def _booking_insert(
    *,
    session: Session,
    seats: int,
    guardian_name: str,
    guardian_consents: bool,
    minor: bool,
    **fields,
) -> Booking:
    """Take the seats if they are left and write the booking, both or neither."""
    now = timezone.now()
    with transaction.atomic():
        confirmed = _seats_take(session.id, seats)
        return Booking.objects.create(
            session=session,
            seats=seats,
            status=STATUS.CONFIRMED if confirmed else STATUS.WAITING,
            confirmed_at=now if confirmed else None,
            guardian_name=guardian_name.strip(),
            guardian_consent_at=now if minor else None,
            **fields,
        )


def _same_booking(*, session: Session, **details) -> QuerySet[Booking]:
    """The live bookings that a form with these details, sent again, made.

    Not a cancelled one: a form sent back after its booking was cancelled is
    refused rather than answered with a cancelled seat.
    """
    return Booking.objects.filter(session=session, **details).exclude(
        status=STATUS.CANCELLED
    )


def booking_check(
    *,
    session: Session,
    name: str,
    user=None,
    phone: str = "",
    email: str = "",
    seats: int = 1,
    guardian_name: str = "",
    guardian_consents: bool = False,
    minor: bool = False,
) -> None:
    """Raise what ``booking_create`` would refuse these details with, taking no
    seat: for requests that book later (a registration waiting for confirmation).
    """
    _bookable_check(session)
    if not name.strip() or not (user or phone.strip() or email.strip()):
        raise exceptions.ContactMissing()
    if seats < 1:
        raise exceptions.SeatsInvalid()
    if seats > session.capacity:
        # It could never be confirmed, not even from the waiting list.
        raise exceptions.MoreSeatsThanCapacity()
    if minor and not (guardian_name.strip() and guardian_consents):
        raise exceptions.GuardianConsentMissing()


def desk_booking_create(
    *,
    session: Session,
    name: str,
    booked_by,
    phone: str = "",
    email: str = "",
    seats: int = 1,
    book_anyway: bool = False,
    form_token: UUID | None = None,
) -> Booking:
    """Book someone in at the desk, unless they seem booked already (then ask).

    The desk form sent again (after "Book anyway" too) gets the booking it made.
    """
    if not book_anyway:
        duplicates = [
            booking
            for booking in selectors.desk_booking_duplicates(
                session=session, name=name, phone=phone
            )
            # The booking this very form made is no duplicate: booking_create
            # gives it back.
            if form_token is None or booking.form_token != form_token
        ]
        if duplicates:
            raise exceptions.LikelyDuplicate(duplicates)
    return booking_create(
        session=session,
        name=name,
        phone=phone,
        email=email,
        seats=seats,
        booked_by=booked_by,
        form_token=form_token,
    )


def _bookable_check(session: Session) -> None:
    if session.status == Session.Status.CANCELLED:
        raise exceptions.SessionCancelled()
    if session.status != Session.Status.PUBLISHED:
        raise exceptions.SessionNotPublished()
    if session.starts_at <= timezone.now():
        raise exceptions.SessionPast()


def _live_booking(session: Session, user) -> Booking | None:
    return (
        Booking.objects.filter(session=session, user=user)
        .exclude(status=STATUS.CANCELLED)
        .first()
    )


def _seats_take(session_id: int, seats: int) -> bool:
    """Take seats if that many are left, in one conditional UPDATE."""
    return bool(
        Session.objects.filter(
            id=session_id, seats_taken__lte=F("capacity") - seats
        ).update(seats_taken=F("seats_taken") + seats)
    )


def _seats_release(session_id: int, seats: int) -> None:
    Session.objects.filter(id=session_id).update(seats_taken=F("seats_taken") - seats)


@dataclass(frozen=True)
class Cancellation:
    booking: Booking
    promoted: list[Booking]


def booking_cancel(*, booking: Booking, tell_person: bool = False) -> Cancellation:
    """Cancel a booking; a freed seat goes to the next people waiting who fit.

    ``tell_person``: someone else cancelled it (a facilitator at the desk), so
    the person who booked is told; people who cancel themselves know already.
    """
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(id=booking.id)
        if locked.status == STATUS.CANCELLED:
            raise exceptions.BookingAlreadyCancelled()
        held_seats = locked.status == STATUS.CONFIRMED
        locked.status = STATUS.CANCELLED
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["status", "cancelled_at"])
        promoted = []
        if held_seats:
            _seats_release(locked.session_id, locked.seats)
            promoted = _waiting_promote(locked.session_id)
    cancelled = [locked] if tell_person else []
    on_commit_safely(
        lambda: _after_change(locked.session_id, promoted=promoted, cancelled=cancelled)
    )
    return Cancellation(locked, promoted)


def booking_cancel_by_staff(*, booking: Booking, staff) -> Cancellation:
    """A facilitator cancels someone's booking: the person is told, and the
    apps that keep a record of what staff did for a person write it down
    (``booking_cancelled_by_staff`` hooks: the desk's log of an accompanied
    person, the only news for someone who left no contact)."""
    with transaction.atomic():
        cancellation = booking_cancel(booking=booking, tell_person=True)
        for hook in hooks.get_hooks("booking_cancelled_by_staff"):
            hook(booking=cancellation.booking, staff=staff)
    return cancellation


def booking_cancel_before_start(*, booking: Booking) -> Cancellation:
    """The person cancels their own booking through their link: until the
    session starts (afterwards it is the facilitator's attendance to keep)."""
    if booking.session.starts_at <= timezone.now():
        raise exceptions.SessionStarted()
    return booking_cancel(booking=booking)


def _waiting_promote(session_id: int) -> list[Booking]:
    """Give free seats to waiting bookings, first come first served (those that fit)."""
    # One promoter at a time per session: the session row is the lock.
    Session.objects.select_for_update().filter(id=session_id).first()
    promoted = []
    waiting = Booking.objects.filter(session_id=session_id, status=STATUS.WAITING)
    for candidate in waiting.order_by("created_at", "id"):
        if not _seats_take(session_id, candidate.seats):
            continue
        candidate.status = STATUS.CONFIRMED
        candidate.confirmed_at = timezone.now()
        candidate.save(update_fields=["status", "confirmed_at"])
        promoted.append(candidate)
    return promoted


def session_capacity_set(*, session: Session, capacity: int) -> list[Booking]:
    """Change the number of seats; more seats go to the waiting list at once."""
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(id=session.id)
        if capacity < max(1, locked.seats_taken):
            raise exceptions.CapacityBelowBookings()
        Session.objects.filter(id=session.id).update(capacity=capacity)
        promoted = _waiting_promote(session.id)
    session.refresh_from_db()
    on_commit_safely(lambda: _after_change(session.id, promoted=promoted))
    return promoted


def _after_change(
    session_id: int,
    *,
    booked: list[Booking] = (),
    promoted: list[Booking] = (),
    cancelled: list[Booking] = (),
) -> None:
    from scheduling import tasks

    for booking in booked:
        task_send(tasks.booking_notify, booking.id, "booked")
    for booking in promoted:
        task_send(tasks.booking_notify, booking.id, "promoted")
    for booking in cancelled:
        task_send(tasks.booking_notify, booking.id, "booking_cancelled")
    # Live counts are best effort: not kept for later when the broker is down.
    tasks.seats_publish.delay(session_id)
    pages_changed(AGENDA)  # the seats left, on the cached agenda pages


SESSION_FIELDS = (
    "title",
    "description",
    "course",
    "topic",
    "starts_at",
    "ends_at",
    "venue_name",
    "address",
    "postal_code",
    "commune",
    "latitude",
    "longitude",
    "capacity",
    "language",
    "audience",
    "age_min",
    "age_max",
    "price",
    "status",
)


def session_save(
    *, session: Session, facilitators=(), form_token: UUID | None = None
) -> Session:
    """Create or change a session, checking what the database cannot say kindly.

    ``form_token``: the new-session form's; sent again, it gets the session it
    created. A change needs none: making it twice changes nothing more.
    """
    if session.ends_at <= session.starts_at:
        raise exceptions.EndBeforeStart()
    if session.pk is None:
        saved, _created = create_once(
            _same_session(session, facilitators),
            form_token,
            lambda: _session_insert(session, facilitators, form_token),
        )
        return saved
    stored = Session.objects.get(pk=session.pk)
    capacity = session.capacity
    session.capacity = stored.capacity  # seats change through session_capacity_set
    session.seats_taken = stored.seats_taken
    if session.status == Session.Status.CANCELLED and stored.status != session.status:
        session.status = stored.status  # cancelling notifies: session_cancel
    with transaction.atomic():
        session.save(update_fields=SESSION_FIELDS)
        if facilitators:
            session.facilitators.set(facilitators)
        if capacity != stored.capacity:
            session_capacity_set(session=session, capacity=capacity)
    on_commit_safely(lambda: _after_change(session.id))
    return session


def _session_insert(
    session: Session, facilitators: Iterable, form_token: UUID | None
) -> Session:
    """Write a new session with its facilitators, both or neither."""
    session.form_token = form_token
    with transaction.atomic():
        session.save()
        session.facilitators.set(facilitators)
    return session


def _same_session(session: Session, facilitators: Iterable) -> QuerySet[Session]:
    """The sessions that the new-session form, sent again, made: the same
    organiser, title and start, by one of the same facilitators.

    The start counts: a facilitator who goes back to the form to make next
    week's session from this one makes a new session.
    """
    same = Session.objects.filter(
        organiser_id=session.organiser_id,
        title=session.title,
        starts_at=session.starts_at,
    )
    facilitators = list(facilitators)
    return same.filter(facilitators__in=facilitators) if facilitators else same


def session_cancel(*, session: Session) -> int:
    """Cancel a session and tell everyone who booked it; return how many."""
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(id=session.id)
        if locked.status == Session.Status.CANCELLED:
            return 0
        Session.objects.filter(id=session.id).update(status=Session.Status.CANCELLED)
        told = list(
            locked.bookings.exclude(status=STATUS.CANCELLED).values_list(
                "id", flat=True
            )
        )
    session.refresh_from_db()

    def notify():
        from scheduling import tasks

        for booking_id in told:
            task_send(tasks.booking_notify, booking_id, "session_cancelled")
        tasks.seats_publish.delay(session.id)

    on_commit_safely(notify)
    return len(told)


def attendance_list_set(*, session: Session, present_ids: set[str]) -> None:
    """The facilitator's list: the confirmed bookings ticked came, the others not."""
    for booking in session.bookings.filter(status=STATUS.CONFIRMED):
        attended = str(booking.id) in present_ids
        if attended != booking.attended:
            attendance_set(booking=booking, attended=attended)


def attendance_set(*, booking: Booking, attended: bool) -> Booking:
    """Tick (or untick) that someone came; people with an account get a statement.

    The statement's id comes from the booking: ticking again stores nothing new.
    """
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(id=booking.id)
        if locked.status != STATUS.CONFIRMED:
            raise exceptions.NotConfirmed()
        first_time = attended and not locked.attended
        locked.attended = attended
        locked.save(update_fields=["attended"])
        if first_time and locked.user_id is not None:
            lrs.statement_store(
                statement=attended_statement(locked), authority=platform_authority()
            )
    return locked
