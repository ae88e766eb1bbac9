"""A booking stored is a booking answered, whatever happens after its commit."""

import logging

import pytest

from scheduling import services
from scheduling.models import Booking
from tests.scheduling.factories import organiser_create, session_create

pytestmark = pytest.mark.django_db


def test_a_seat_is_booked_once_when_the_broker_is_down(broker_down, committed, caplog):
    session = session_create(organiser_create(), capacity=2)

    with committed(execute=True):
        booking = services.booking_create(
            session=session, name="Anne", phone="0470 12 34 56"
        )

    assert booking.status == Booking.Status.CONFIRMED
    assert Booking.objects.filter(session=session).count() == 1
    session.refresh_from_db()
    assert session.seats_taken == 1
    (failure,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "OperationalError" in failure.getMessage()
    assert "Anne" not in failure.getMessage()
