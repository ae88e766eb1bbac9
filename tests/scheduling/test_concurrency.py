"""Many people booking the last seats at the same instant: never overbooked."""

import threading
from uuid import uuid4

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


SENDINGS = 8


def _at_once(send, times: int) -> list:
    """Run ``send`` in ``times`` threads released together; their errors."""
    start = threading.Barrier(times)
    errors = []

    def run() -> None:
        try:
            start.wait()
            send()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_a_desk_form_sent_many_times_at_once_books_once():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL (CI runs it)")
    session = session_create(organiser_create(), capacity=SEATS)
    token = uuid4()
    booked = []

    def send() -> None:
        booking = services.booking_create(
            session=session,
            name="Josiane",
            phone="081 22 33 44",
            seats=2,
            form_token=token,
        )
        booked.append(booking.id)

    assert _at_once(send, SENDINGS) == []
    assert len(booked) == SENDINGS
    assert len(set(booked)) == 1  # every sending answered with the one booking
    assert Booking.objects.count() == 1
    assert Session.objects.get(id=session.id).seats_taken == 2


@pytest.mark.django_db(transaction=True)
def test_a_booking_button_pressed_many_times_at_once_books_once_without_error():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL (CI runs it)")
    from django.test import Client

    from tests.factories import learner_create

    session = session_create(organiser_create(), capacity=SEATS)
    person = learner_create(email="double@example.be")
    token = str(uuid4())
    answers = []

    def send() -> None:
        client = Client()
        client.force_login(person)
        response = client.post(f"/agenda/{session.id}/book/", {"form_token": token})
        answers.append((response.status_code, response.get("Location")))

    assert _at_once(send, SENDINGS) == []
    # The same answer each time: neither "already booked" nor an error.
    assert answers == [(302, f"/agenda/{session.id}/")] * SENDINGS
    assert Booking.objects.count() == 1
    assert Session.objects.get(id=session.id).seats_taken == 1


CROWD = 200
CROWD_SEATS = 10


def _signed_in_headers(user) -> dict[str, str]:
    """Cookies of a signed-in browser (session and CSRF) and the CSRF header."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import _get_new_csrf_string

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    token = _get_new_csrf_string()
    return {
        "Cookie": f"{settings.SESSION_COOKIE_NAME}={store.session_key}; "
        f"csrftoken={token}",
        "X-CSRFToken": token,
    }


def _post(url: str, headers: dict[str, str]) -> int:
    import urllib.error
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, data=b"", headers=headers, method="POST")
    try:
        with opener.open(request, timeout=180) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.django_db(transaction=True)
def test_a_crowd_booking_through_the_asgi_server_gets_no_error_and_every_message(
    asgi_server, tmp_path
):
    """200 people book 10 seats at once through Daphne, as `make run` serves the
    platform: the connection pool keeps them within PostgreSQL's limit."""
    if connection.vendor != "postgresql":
        pytest.skip("the pool and the race need PostgreSQL (CI runs it)")
    from tests.factories import learner_create

    session = session_create(organiser_create(), capacity=CROWD_SEATS)
    people = [
        _signed_in_headers(learner_create(email=f"foule{n}@example.be"))
        for n in range(CROWD)
    ]
    url = f"{asgi_server(email_dir=tmp_path)}/agenda/{session.id}/book/"
    start = threading.Barrier(CROWD)
    statuses = []

    def book(headers) -> None:
        start.wait()
        statuses.append(_post(url, headers))

    threads = [threading.Thread(target=book, args=(h,)) for h in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * CROWD  # every request answered, none failed
    booked = list(Booking.objects.values_list("status", flat=True))
    assert booked.count("confirmed") == CROWD_SEATS
    assert booked.count("waiting") == CROWD - CROWD_SEATS
    told = sum(path.read_text().count("Subject: ") for path in tmp_path.iterdir())
    assert told == CROWD  # each person is told: a seat or the waiting list
