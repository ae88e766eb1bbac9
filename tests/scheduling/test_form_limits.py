"""What a facilitator types is checked against the model: an error next to the
field, never a 500 or a constraint's name."""

from datetime import timedelta

import pytest
from django.utils import timezone

from scheduling.models import Booking, Session
from tests.factories import PASSWORD
from tests.scheduling.factories import in_english, session_create, session_form_data

pytestmark = pytest.mark.django_db

NEW = "/agenda/facilitator/sessions/new/"


@pytest.fixture
def signed_in(client, facilitator):
    client.login(email=facilitator.email, password=PASSWORD)
    in_english(client)
    return client


def minute(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def fields(namur):
    return session_form_data(namur)


def errors_of(response) -> dict:
    return response.context["form"].errors


def test_the_valid_session_is_saved(signed_in, fields):
    assert signed_in.post(NEW, fields).status_code == 302
    assert Session.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"postal_code": "abcd"}, "postal_code", "four digits"),
        ({"postal_code": "0999"}, "postal_code", "four digits"),
        ({"price": "-5"}, "price", "cannot be negative"),
        ({"age_min": "12", "age_max": "8"}, "age_max", "below the minimum age"),
        ({"age_max": "500"}, "age_max", "up to 120"),
        ({"capacity": "0"}, "capacity", "at least one seat"),
        ({"starts_at": "2000-01-01T10:00"}, "starts_at", "in the future"),
        ({"ends_at": "0001-01-01T10:00"}, "ends_at", "between the years"),
        ({"ends_at": "9999-12-31T23:59"}, "ends_at", "between the years"),
        ({"title": "x" * 201}, "title", "at most 200"),
    ],
)
def test_a_wrong_value_is_refused_next_to_its_field(
    signed_in, fields, change, field, message
):
    response = signed_in.post(NEW, fields | change)

    assert response.status_code == 200
    [error] = errors_of(response)[field]
    assert message in error
    assert "constraint" not in response.content.decode()
    assert not Session.objects.exists()


def test_an_end_before_the_start_is_said_next_to_the_end(signed_in, fields):
    fields["ends_at"] = minute(timezone.now() + timedelta(days=6))

    response = signed_in.post(NEW, fields)

    assert errors_of(response)["ends_at"] == ["The session must end after it starts."]
    assert not Session.objects.exists()


def test_a_past_session_can_still_be_corrected(signed_in, fields, namur):
    past = session_create(namur, starts_at=timezone.now() - timedelta(days=2))
    fields |= {
        "starts_at": minute(past.starts_at),
        "ends_at": minute(past.ends_at),
        "capacity": past.capacity,
        "title": "Corrigé",
    }

    response = signed_in.post(f"/agenda/facilitator/sessions/{past.id}/edit/", fields)

    assert response.status_code == 302
    past.refresh_from_db()
    assert past.title == "Corrigé"


def test_an_email_longer_than_its_column_is_a_form_error_at_the_desk(signed_in, namur):
    session = session_create(namur)
    email = "a" * 64 + "@" + ("b" * 60 + ".") * 4 + "be"

    response = signed_in.post(
        f"/agenda/facilitator/sessions/{session.id}/",
        {"name": "Josiane", "email": email, "seats": 1},
    )

    assert response.status_code == 200
    assert response.context["desk_form"].errors["email"]
    assert not Booking.objects.exists()


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "99999-01-01"])
def test_the_agenda_answers_a_date_out_of_range_without_failing(client, day):
    in_english(client)

    response = client.get("/agenda/", {"on": day})

    assert response.status_code == 200
    assert response.context["form"].errors["on"]
