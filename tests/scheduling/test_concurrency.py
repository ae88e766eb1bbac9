"""Many people booking the last seats at the same instant: never overbooked."""

import threading

import pytest
from django.db import connection

from scheduling import services
from scheduling.models import Booking, Session
from tests.scheduling.factories import organiser_create, session_create

PEOPLE = 24
SEATS = 5


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_confirm_exactly_the_capacity_and_queue_the_rest():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL (CI runs it)")
    session = session_create(organiser_create(), capacity=SEATS)
    start = threading.Barrier(PEOPLE)
    errors = []

    def book(n: int) -> None:
        try:
            start.wait()
            services.booking_create(
                session=session, name=f"Personne {n}", phone=f"0470 00 00 {n:02d}"
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    statuses = list(Booking.objects.values_list("status", flat=True))
    assert statuses.count("confirmed") == SEATS
    assert statuses.count("waiting") == PEOPLE - SEATS
    assert Session.objects.get(id=session.id).seats_taken == SEATS
