"""A person without an account cancels their booking from the link in its
messages: the page asks first, the seat goes to the next person waiting, and
nobody can cancel someone else's booking by making a link up."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from scheduling import cancel_links, services
from scheduling.models import Booking
from tests.factories import learner_create
from tests.scheduling.factories import in_english, organiser_create, session_create

pytestmark = pytest.mark.django_db


def path_of(url: str) -> str:
    return urlsplit(url).path


@pytest.fixture
def full_session():
    return session_create(organiser_create(), capacity=1, title="Coder un jeu")


def book(session, name: str, **fields) -> Booking:
    return services.booking_create(
        session=session, name=name, phone="0470 12 34 56", **fields
    )


def test_the_link_asks_first_then_cancels_and_the_seat_goes_to_the_next(
    client, full_session
):
    in_english(client)
    booking = book(full_session, "Léa", guardian_name="Marc Dupont")
    waiting = book(full_session, "Tom")
    link = path_of(cancel_links.cancel_url(booking))

    asked = client.get(link).content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED  # a GET cancels nothing
    assert "Do you really want to cancel your seat for Coder un jeu" in asked
    assert "Registration of Léa." in asked
    assert f'action="{link}"' in asked

    response = client.post(link, follow=True)

    booking.refresh_from_db()
    waiting.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert waiting.status == Booking.Status.CONFIRMED
    assert response.redirect_chain[-1][0] == reverse(
        "scheduling:session", args=[full_session.id]
    )
    assert "The booking of Léa is cancelled." in response.content.decode()


def test_the_link_followed_again_says_calmly_that_it_is_cancelled(client, full_session):
    in_english(client)
    booking = book(full_session, "Léa")
    link = path_of(cancel_links.cancel_url(booking))
    client.post(link)

    for again in (client.get(link), client.post(link)):
        assert again.status_code == 200
        page = again.content.decode()
        assert "The booking of Léa for Coder un jeu" in page
        assert "There is nothing more to do." in page
    assert Booking.objects.get(id=booking.id).cancelled_at is not None


def test_a_link_made_up_from_a_bookings_uuid_is_refused(client, full_session):
    booking = book(full_session, "Léa")
    real = cancel_links.cancel_url(booking)
    forged = reverse("scheduling:cancel_by_link", args=[f"{booking.uuid}:forged"])

    assert client.post(forged).status_code == 404
    assert (
        client.post(path_of(real).replace(str(booking.uuid)[:8], "0" * 8)).status_code
        == 404
    )
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_the_link_of_a_booking_with_an_account_needs_its_owner_signed_in(
    client, full_session
):
    person = learner_create(email="lea@example.be")
    booking = services.booking_create(session=full_session, name="Léa", user=person)
    link = path_of(cancel_links.cancel_url(booking))

    anonymous = client.post(link)
    client.force_login(learner_create(email="marc@example.be"))
    someone_else = client.post(link)

    assert anonymous.url.startswith(reverse("account_login"))
    assert someone_else.status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_once_the_session_has_started_the_link_no_longer_cancels(client, full_session):
    in_english(client)
    booking = book(full_session, "Léa")
    link = path_of(cancel_links.cancel_url(booking))
    full_session.starts_at = timezone.now() - timedelta(minutes=5)
    full_session.save(update_fields=["starts_at"])

    response = client.post(link)

    assert response.status_code == 400
    assert "already started" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_my_bookings_offer_to_cancel_each_upcoming_one(client, full_session):
    in_english(client)
    person = learner_create(email="lea@example.be")
    client.force_login(person)
    seat = services.booking_create(session=full_session, name="Léa", user=person)
    other = session_create(organiser_create(), capacity=1, title="Complet")
    book(other, "Tom")
    waiting = services.booking_create(session=other, name="Léa", user=person)

    page = client.get(reverse("scheduling:my_bookings")).content.decode()

    seat_page = reverse("scheduling:cancel", args=[seat.uuid])
    waiting_page = reverse("scheduling:cancel", args=[waiting.uuid])
    assert f'<a href="{seat_page}">Cancel my booking' in page
    assert f'<a href="{waiting_page}">Leave the waiting list' in page
