"""Registrations made without an account hold no seat until the link sent to
their maker is followed."""

import re
import time
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from scheduling import sms
from scheduling.models import Booking, Session
from tests.factories import PASSWORD, learner_create
from tests.scheduling.factories import in_english, session_create
from tests.wallcode.factories import confirm_latest, confirmation_path, partner_create
from tests.wallcode.test_registration import child_data, group_data, link_in
from wallcode import reports, services
from wallcode.models import PendingRegistration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()


@pytest.fixture
def session():
    return session_create(partner_create().organiser, capacity=24, title="Scratch")


def group_url(session) -> str:
    return f"/wallcode/sessions/{session.id}/group/"


def seats_taken(session) -> int:
    session.refresh_from_db()
    return session.seats_taken


def test_a_registration_holds_no_seat_until_the_emailed_link_is_followed(
    client, session, django_capture_on_commit_callbacks
):
    in_english(client)
    with django_capture_on_commit_callbacks(execute=True):
        requested = client.post(group_url(session), group_data(seats="20"))

    page = client.get(requested.url).content.decode()
    assert "Check your e-mail" in page
    assert "lenoir@ecole.example" in page
    assert (seats_taken(session), Booking.objects.count()) == (0, 0)
    [message] = mail.outbox
    assert message.to == ["lenoir@ecole.example"]
    link = link_in(message.body)

    # Opening the link (as a mail scanner does) only shows what to confirm.
    shown = client.get(link)
    assert "Confirm the registration" in shown.content.decode()
    assert seats_taken(session) == 0

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(link)

    booking = Booking.objects.get()
    assert (booking.status, booking.seats, booking.booked_by) == ("confirmed", 20, None)
    assert booking.participant_postal_code == "4020"
    assert seats_taken(session) == 20
    assert 'data-status="confirmed"' in client.get(confirmed.url).content.decode()
    # And the usual message of a booked seat follows.
    assert [message.to for message in mail.outbox] == [["lenoir@ecole.example"]] * 2


def test_confirming_when_the_activity_filled_meanwhile_joins_the_waiting_list(
    client, session
):
    client.post(group_url(session), group_data(seats="10"))
    waiting_link = confirmation_path()
    client.post(group_url(session), group_data(leader_name="M. Dubois", seats="20"))
    confirm_latest(client)

    client.post(waiting_link)

    statuses = dict(Booking.objects.values_list("seats", "status"))
    assert statuses == {20: "confirmed", 10: "waiting"}
    assert seats_taken(session) == 20


def test_following_the_link_twice_books_once(client, session):
    client.post(group_url(session), group_data(seats="5"))
    link = confirmation_path()

    first, second = client.post(link), client.post(link)

    assert first.url == second.url
    assert Booking.objects.count() == 1
    assert seats_taken(session) == 5
    assert client.get(link).status_code == 302  # to what became of it


def test_the_waiting_page_shows_the_booking_once_confirmed_elsewhere(client, session):
    requested = client.post(group_url(session), group_data(seats="5"))
    link = confirmation_path()

    # Confirmed from another device: the first browser's page follows.
    services.registration_confirm(token=link.rstrip("/").rsplit("/", 1)[-1])

    assert 'data-status="confirmed"' in client.get(requested.url).content.decode()


def test_twenty_unconfirmed_registrations_from_one_address_leave_the_seats_free(
    client, session
):
    for number in range(20):
        response = client.post(
            group_url(session), group_data(group_name=f"Classe {number}", seats="20")
        )
        assert response.status_code == 302

    assert PendingRegistration.objects.count() == 20
    assert not Booking.objects.exists()
    assert seats_taken(session) == 0
    in_english(client)
    assert "24 seats left" in client.get(group_url(session)).content.decode()


def test_a_forged_or_altered_link_is_refused_clearly(client, session):
    in_english(client)
    client.post(group_url(session), group_data())
    link = confirmation_path()
    altered = link.replace("/confirm/", "/confirm/x")
    made_up = f"/wallcode/registrations/confirm/{uuid.uuid4()}:1rKqXx:forged/"

    for path in (altered, made_up):
        for response in (client.get(path), client.post(path)):
            assert response.status_code == 404
            page = response.content.decode()
            assert "This confirmation link is not valid" in page
            assert 'role="alert"' in page
    assert not Booking.objects.exists()


def test_an_expired_link_is_refused_clearly_and_takes_no_seat(
    client, session, monkeypatch
):
    in_english(client)
    client.post(group_url(session), group_data())
    link = confirmation_path()
    later = time.time() + 25 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    for response in (client.get(link), client.post(link)):
        assert response.status_code == 410
        assert "This confirmation link has expired" in response.content.decode()
    assert seats_taken(session) == 0


def test_a_request_past_its_time_is_refused_even_with_a_fresh_signature(
    client, session
):
    client.post(group_url(session), group_data())
    PendingRegistration.objects.update(expires_at=timezone.now())

    assert client.post(confirmation_path()).status_code == 410
    assert not Booking.objects.exists()


def test_expired_requests_are_purged_with_their_details(session):
    services.registration_request_create(
        session=session,
        kind="child",
        details={
            "first_name": "Léa",
            "age_band": "12-15",
            "postal_code": "4000",
            "guardian_name": "Marc Dupont",
            "guardian_consents": True,
            "email": "marc@example.be",
        },
    )
    PendingRegistration.objects.update(expires_at=timezone.now())

    assert services.pending_registrations_purge() == 1
    assert not PendingRegistration.objects.exists()


def test_a_phone_only_registration_gets_its_link_by_text_message(
    client, session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        requested = client.post(
            f"/wallcode/sessions/{session.id}/child/",
            child_data(consent="on", phone="0470 12 34 56"),
        )

    [message] = sms.outbox
    assert message.to == "+32470123456"
    assert not mail.outbox
    in_english(client)
    waiting = client.get(requested.url).content.decode()
    assert "Check your text messages" in waiting
    assert "0470 12 34 56" in waiting  # the number as they typed it
    assert "spam folder" not in waiting  # an e-mail's advice, not a phone's

    client.post(link_in(message.body))

    booking = Booking.objects.get()
    assert (booking.name, booking.guardian_name) == ("Léa", "Marc Dupont")
    assert booking.guardian_consent_at is not None


def test_refusals_come_at_once_not_after_the_link(client, session):
    response = client.post(
        f"/wallcode/sessions/{session.id}/child/",
        child_data(),  # no consent
    )

    assert response.status_code == 400
    assert not PendingRegistration.objects.exists()


def test_a_session_cancelled_before_confirmation_is_refused_at_the_link(
    client, session
):
    in_english(client)
    client.post(group_url(session), group_data())
    Session.objects.filter(id=session.id).update(status=Session.Status.CANCELLED)

    response = client.post(confirmation_path())

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not Booking.objects.exists()


def test_someone_signed_in_registers_at_once(client, session):
    leader = learner_create(email="lenoir@ecole.example")
    client.login(email=leader.email, password=PASSWORD)

    client.post(group_url(session), group_data(seats="4"))

    booking = Booking.objects.get()
    assert (booking.status, booking.booked_by) == ("confirmed", leader)
    assert not PendingRegistration.objects.exists()


def test_reports_never_count_unconfirmed_registrations(client, session):
    client.post(group_url(session), group_data(seats="20"))
    held = timezone.now() - timedelta(hours=1)
    Session.objects.filter(id=session.id).update(
        starts_at=held, ends_at=held + timedelta(minutes=30)
    )
    start, end = reports.school_year(today=timezone.localdate())

    report = reports.reach(
        start=start, end=end, partner=session.organiser.wallcode_partner
    )

    assert report.participants == 0


def test_the_registered_page_offers_to_cancel_then_says_it_is_cancelled(
    client, session
):
    in_english(client)
    client.post(group_url(session), group_data(seats="5"))
    registered = confirm_latest(client).url
    page = client.get(registered).content.decode()
    [link] = re.findall(r'<a href="([^"]+)">Cancel this registration', page)

    client.post(link)

    after = client.get(registered).content.decode()
    assert seats_taken(session) == 0
    assert "<title>Registration cancelled" in after
    assert "Cancel this registration" not in after
    assert "link to cancel" not in after
