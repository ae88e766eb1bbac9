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


@pytest.mark.django_db(transaction=True)
def test_concurrent_booking_requests_never_overbook_and_all_succeed():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL (CI runs it)")
    from django.test import Client

    from tests.factories import learner_create

    session = session_create(organiser_create(), capacity=SEATS)
    clients = []
    for n in range(PEOPLE):
        client = Client()
        client.force_login(learner_create(email=f"personne{n}@example.be"))
        clients.append(client)
    start = threading.Barrier(PEOPLE)
    statuses, errors = [], []

    def request(client) -> None:
        try:
            start.wait()
            response = client.post(f"/agenda/{session.id}/book/")
            statuses.append(response.status_code)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=request, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert statuses == [302] * PEOPLE  # every request answered, none failed
    booked = list(Booking.objects.values_list("status", flat=True))
    assert booked.count("confirmed") == SEATS
    assert booked.count("waiting") == PEOPLE - SEATS
    assert Session.objects.get(id=session.id).seats_taken == SEATS
