"""Group and child registration forms sent twice (a double click, a retry after a
network error) register once, send one link, and answer as the first time."""

from uuid import uuid4

import pytest
from django.core import mail

from scheduling import sms
from scheduling.models import Booking
from tests.factories import PASSWORD, form_token_in, learner_create
from tests.scheduling.factories import in_english, session_create
from tests.wallcode.factories import confirm_latest, partner_create
from tests.wallcode.test_registration import child_data, group_data
from wallcode.models import PendingRegistration

pytestmark = pytest.mark.django_db

ALREADY_SENT_FORM = "This form was already sent. Check the details below"


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()


@pytest.fixture
def session():
    return session_create(partner_create().organiser, capacity=24, title="Scratch")


def url(session, form: str) -> str:
    return f"/wallcode/sessions/{session.id}/{form}/"


def data(form: str, token, **fields) -> dict:
    filled = group_data(**fields) if form == "group" else child_data(consent="on")
    return filled | fields | {"form_token": str(token)}


def seats_taken(session) -> int:
    session.refresh_from_db()
    return session.seats_taken


def sign_in(client, email: str = "prof@ecole.example"):
    person = learner_create(email=email)
    client.login(email=person.email, password=PASSWORD)
    return person


@pytest.mark.parametrize("form", ["group", "child"])
def test_each_registration_form_shown_carries_a_new_token(client, session, form):
    first = form_token_in(client.get(url(session, form)))
    second = form_token_in(client.get(url(session, form)))

    assert first != second


@pytest.mark.parametrize("form", ["group", "child"])
def test_a_registration_sent_twice_keeps_one_request_and_sends_one_link(
    client, session, form, django_capture_on_commit_callbacks
):
    token = form_token_in(client.get(url(session, form)))

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url(session, form), data(form, token))
        again = client.post(url(session, form), data(form, token))

    assert first.status_code == again.status_code == 302
    assert first.url == again.url
    assert PendingRegistration.objects.count() == 1
    assert len(mail.outbox) + len(sms.outbox) == 1
    assert 'data-status="pending"' in client.get(again.url).content.decode()

    confirm_latest(client)
    assert Booking.objects.count() == 1


def test_a_confirmed_group_sent_twice_takes_its_seats_once(client, session):
    token = uuid4()
    client.post(url(session, "group"), data("group", token, seats="20"))
    client.post(url(session, "group"), data("group", token, seats="20"))

    confirm_latest(client)

    assert seats_taken(session) == 20


@pytest.mark.parametrize("form", ["group", "child"])
def test_a_signed_in_registration_sent_twice_books_once_and_answers_the_same(
    client, session, form
):
    sign_in(client)
    token = form_token_in(client.get(url(session, form)))

    first = client.post(url(session, form), data(form, token))
    again = client.post(url(session, form), data(form, token))

    assert first.status_code == again.status_code == 302
    assert first.url == again.url
    booking = Booking.objects.get()
    assert seats_taken(session) == booking.seats
    assert 'data-status="confirmed"' in client.get(again.url).content.decode()


def test_a_new_token_registers_another_group_as_before(client, session):
    sign_in(client)

    client.post(url(session, "group"), data("group", uuid4(), seats="10"))
    client.post(url(session, "group"), data("group", uuid4(), seats="10"))

    assert Booking.objects.count() == 2
    assert seats_taken(session) == 20


def test_another_persons_registration_token_is_refused_and_books_nothing(
    client, session
):
    token = uuid4()
    sign_in(client, "lenoir@ecole.example")
    client.post(url(session, "group"), data("group", token, seats="5"))
    sign_in(client, "dubois@ecole.example")
    in_english(client)

    refused = client.post(url(session, "group"), data("group", token, seats="5"))

    assert refused.status_code == 400
    assert ALREADY_SENT_FORM in refused.content.decode()
    assert Booking.objects.get().booked_by.email == "lenoir@ecole.example"
    assert seats_taken(session) == 5


def test_the_sent_form_brought_back_for_another_class_is_refused_with_a_new_token(
    client, session
):
    in_english(client)
    token = uuid4()
    client.post(url(session, "group"), data("group", token))

    # The back button brings the sent form back; another class is typed in.
    refused = client.post(
        url(session, "group"), data("group", token, group_name="Athénée, 1re")
    )

    assert refused.status_code == 400
    assert ALREADY_SENT_FORM in refused.content.decode()
    assert PendingRegistration.objects.count() == 1
    new_token = form_token_in(refused)
    assert new_token != str(token)
    client.post(
        url(session, "group"), data("group", new_token, group_name="Athénée, 1re")
    )
    assert PendingRegistration.objects.count() == 2


def test_a_token_of_another_activitys_request_is_refused(client, session):
    other = session_create(session.organiser, capacity=24, title="Python")
    in_english(client)
    token = uuid4()
    client.post(url(other, "child"), data("child", token))

    refused = client.post(url(session, "child"), data("child", token))

    assert ALREADY_SENT_FORM in refused.content.decode()
    assert list(PendingRegistration.objects.values_list("session", flat=True)) == [
        other.id
    ]
