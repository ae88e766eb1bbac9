"""A person's bookings in their data export, and their seats when they are erased;
a person without e-mail books like anyone."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from learners import services as learning
from learners.models import User
from scheduling import services
from scheduling.models import Booking, Session
from tests.factories import learner_create
from tests.scheduling.factories import session_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def lea(db):
    """A person without e-mail: an account made at an EPN desk."""
    return User.objects.create_assisted_user(display_name="Léa")


def test_a_person_without_email_books_a_seat_online(client, namur, lea):
    session = session_create(namur)
    client.force_login(lea)

    response = client.post(f"/agenda/{session.id}/book/")

    assert response.status_code == 302
    booking = Booking.objects.get(user=lea)
    assert booking.status == "confirmed"
    assert booking.email == ""
    assert mail.outbox == []  # nowhere to write to


def test_the_export_holds_my_bookings_only(client, namur):
    jeanne = learner_create(email="jeanne@example.be", display_name="Jeanne")
    paul = learner_create(email="paul@example.be", display_name="Paul")
    first = session_create(namur, title="Découvrir le courriel", capacity=1)
    second = session_create(namur, title="Les achats en ligne")
    services.booking_create(session=first, name="Paul", user=paul)
    services.booking_create(session=first, name="Jeanne", user=jeanne)  # waits
    mine = services.booking_create(session=second, name="Jeanne", user=jeanne)
    services.booking_cancel(booking=mine)
    client.force_login(jeanne)

    data = json.loads(client.get(reverse("learners:data_export")).content)

    assert [
        (b["session"], b["status"], b["seats"], b["name"]) for b in data["bookings"]
    ] == [
        ("Découvrir le courriel", "waiting", 1, "Jeanne"),
        ("Les achats en ligne", "cancelled", 1, "Jeanne"),
    ]
    assert data["bookings"][0]["starts_at"] == first.starts_at.isoformat()
    assert "Paul" not in json.dumps(data["bookings"])
    assert "paul@" not in json.dumps(data)


def test_an_erased_person_gives_back_their_seat_to_the_next_waiting(
    namur, lea, committed
):
    session = session_create(namur, capacity=1)
    past = session_create(namur, title="Hier")
    past_booking = services.booking_create(session=past, name="Léa", user=lea)
    yesterday = timezone.now() - timedelta(days=1)
    Session.objects.filter(id=past.id).update(
        starts_at=yesterday, ends_at=yesterday + timedelta(hours=2)
    )
    services.booking_create(session=session, name="Léa", user=lea)
    max_ = learner_create(email="max@example.be", display_name="Max")
    waiting = services.booking_create(session=session, name="Max", user=max_)
    assert waiting.status == "waiting"

    with committed(execute=True):
        learning.learner_erase(user=lea)

    assert not Booking.objects.filter(user_id=lea.id).exists()
    assert Booking.objects.get(id=waiting.id).status == "confirmed"
    assert Session.objects.get(id=session.id).seats_taken == 1
    # A workshop that took place keeps its count: the seat was used.
    assert Session.objects.get(id=past.id).seats_taken == past_booking.seats
    assert [m.to for m in mail.outbox] == [["max@example.be"]]
