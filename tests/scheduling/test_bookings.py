"""Booking seats: confirmed while seats last, then a waiting list served in order."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from scheduling import exceptions, services, sms
from scheduling.models import Booking, Session
from tests.factories import learner_create
from tests.scheduling.factories import organiser_create, session_create

pytestmark = pytest.mark.django_db
CONFIRMED, WAITING, CANCELLED = "confirmed", "waiting", "cancelled"


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()


@pytest.fixture
def session():
    return session_create(organiser_create(), capacity=2)


def desk(session, name, phone="0470 12 34 56", **fields):
    return services.booking_create(session=session, name=name, phone=phone, **fields)


def test_seats_are_confirmed_until_full_then_people_wait(session):
    first, second, third = (
        desk(session, "Anne"),
        desk(session, "Bob"),
        desk(session, "Chloé"),
    )

    assert [b.status for b in (first, second, third)] == [CONFIRMED, CONFIRMED, WAITING]
    session.refresh_from_db()
    assert session.seats_taken == 2
    assert session.seats_left == 0


def test_a_freed_seat_goes_to_the_first_waiting_who_is_told(session, committed):
    desk(session, "Anne")
    bob = desk(session, "Bob", phone="", email="bob@example.be")
    chloe = desk(session, "Chloé", phone="0470 11 11 11")
    david = desk(session, "David")
    mail.outbox.clear()
    sms.outbox.clear()

    with committed(execute=True):
        result = services.booking_cancel(booking=bob)

    assert result.promoted == [chloe]
    chloe.refresh_from_db()
    david.refresh_from_db()
    assert (chloe.status, david.status) == (CONFIRMED, WAITING)
    session.refresh_from_db()
    assert session.seats_taken == 2
    assert [m.to for m in sms.outbox] == ["0470 11 11 11"]
    assert "Découvrir le courriel" in sms.outbox[0].body


def test_a_group_waits_until_enough_seats_are_free_others_who_fit_go_first():
    session = session_create(organiser_create(), capacity=4)
    anne = desk(session, "Anne", seats=2)
    desk(session, "Bob", seats=2)
    class_5b = desk(session, "Mme Lenoir (5e B)", seats=3)
    single = desk(session, "Chloé")

    services.booking_cancel(booking=anne)

    class_5b.refresh_from_db()
    single.refresh_from_db()
    assert (class_5b.status, single.status) == (WAITING, CONFIRMED)


def test_a_desk_booking_needs_only_a_name_and_a_phone(session, committed):
    with committed(execute=True):
        booking = desk(session, "Josiane", phone="081 22 33 44")

    assert booking.user is None
    assert booking.status == CONFIRMED
    assert [m.to for m in sms.outbox] == ["081 22 33 44"]
    with pytest.raises(exceptions.ContactMissing):
        services.booking_create(session=session, name="Sans contact")
    with pytest.raises(exceptions.ContactMissing):
        services.booking_create(session=session, name=" ", phone="081 22 33 44")


def test_a_learner_books_online_once_and_is_emailed(session, committed):
    learner = learner_create(email="lea@example.be", display_name="Léa")

    with committed(execute=True):
        booking = services.booking_create(session=session, name="Léa", user=learner)

    assert booking.email == "lea@example.be"
    assert mail.outbox[-1].to == ["lea@example.be"]
    with pytest.raises(exceptions.AlreadyBooked):
        services.booking_create(session=session, name="Léa", user=learner)
    services.booking_cancel(booking=booking)
    again = services.booking_create(session=session, name="Léa", user=learner)
    assert again.status == CONFIRMED


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"starts_at": timezone.now() - timedelta(hours=1)}, exceptions.SessionPast),
        ({"status": Session.Status.CANCELLED}, exceptions.SessionCancelled),
        ({"status": Session.Status.DRAFT}, exceptions.SessionNotPublished),
    ],
)
def test_past_cancelled_and_draft_sessions_cannot_be_booked(change, error):
    starts = change.pop("starts_at", None)
    fields = (
        {"starts_at": starts, "ends_at": starts + timedelta(hours=2)} if starts else {}
    )
    session = session_create(organiser_create(), **change, **fields)

    with pytest.raises(error):
        desk(session, "Anne")
    assert not Booking.objects.exists()


def test_capacity_cannot_go_below_confirmed_seats_and_more_seats_serve_the_waiting(
    session,
):
    desk(session, "Anne")
    desk(session, "Bob")
    chloe = desk(session, "Chloé")

    with pytest.raises(exceptions.CapacityBelowBookings):
        services.session_capacity_set(session=session, capacity=1)
    promoted = services.session_capacity_set(session=session, capacity=3)

    assert promoted == [chloe]
    session.refresh_from_db()
    assert (session.capacity, session.seats_taken) == (3, 3)


def test_the_database_refuses_an_overbooked_session(session):
    with pytest.raises(IntegrityError):
        Session.objects.filter(id=session.id).update(seats_taken=3)


def test_a_session_must_end_after_it_starts(session):
    session.ends_at = session.starts_at - timedelta(minutes=1)

    with pytest.raises(exceptions.EndBeforeStart):
        services.session_save(session=session)


def test_cancelling_a_session_tells_everyone_booked(session, committed):
    desk(session, "Anne", phone="0470 00 00 01")
    desk(session, "Bob", phone="", email="bob@example.be")
    desk(session, "Chloé", phone="0470 00 00 03")  # waiting: told too
    sms.outbox.clear()
    mail.outbox.clear()

    with committed(execute=True):
        told = services.session_cancel(session=session)

    assert told == 3
    assert sorted(m.to for m in sms.outbox) == ["0470 00 00 01", "0470 00 00 03"]
    assert [m.to for m in mail.outbox] == [["bob@example.be"]]
    assert "Annul" in mail.outbox[0].subject or "Cancel" in mail.outbox[0].subject
    with pytest.raises(exceptions.SessionCancelled):
        desk(session, "Denis")


def test_a_minor_registers_only_with_a_guardians_consent(session):
    with pytest.raises(exceptions.GuardianConsentMissing):
        desk(session, "Tom (12 ans)", minor=True, guardian_name="")

    booking = desk(
        session,
        "Tom (12 ans)",
        minor=True,
        guardian_name="Marie Dupont",
        guardian_consents=True,
    )
    assert booking.guardian_name == "Marie Dupont"
    assert booking.guardian_consent_at is not None


def test_reminders_go_the_day_before_once(committed):
    from scheduling.tasks import reminders_send

    tomorrow = timezone.localtime() + timedelta(days=1)
    session = session_create(organiser_create(), starts_at=tomorrow.replace(hour=14))
    desk(session, "Anne", phone="0470 00 00 01")
    later = session_create(organiser_create(name="EPN Liège"))
    desk(later, "Bob", phone="0470 00 00 02")
    sms.outbox.clear()

    assert reminders_send() == 1
    assert reminders_send() == 0
    assert [m.to for m in sms.outbox] == ["0470 00 00 01"]


def test_a_group_larger_than_the_session_is_refused(session):
    with pytest.raises(exceptions.MoreSeatsThanCapacity):
        desk(session, "Classe de 5e", seats=session.capacity + 1)
    assert not Booking.objects.exists()
