"""Forms that book or create a session, sent twice (a double click, a retry after
a network error), book and create once, and answer as the first time."""

from uuid import uuid4

import pytest

from scheduling import services
from scheduling.models import Booking, Session
from tests.factories import PASSWORD, form_token_in, learner_create
from tests.scheduling.factories import (
    in_english,
    organiser_create,
    session_create,
    session_form_data,
)

pytestmark = pytest.mark.django_db

ALREADY_SENT_PAGE = "This form was already sent. Open the page again"
ALREADY_SENT_FORM = "This form was already sent. Check the details below"


@pytest.fixture
def session(namur):
    return session_create(namur, capacity=10)


@pytest.fixture
def lea():
    return learner_create(email="lea@example.be", display_name="Léa")


def sign_in(client, user):
    client.login(email=user.email, password=PASSWORD)
    in_english(client)


def sent(client, url: str, data: dict):
    """Post as a browser does: where the answer leads, and what it says there."""
    response = client.post(url, data, follow=True)
    return response.redirect_chain, [str(m) for m in response.context["messages"]]


def seats_taken(session) -> int:
    session.refresh_from_db()
    return session.seats_taken


# The "Book my seat" button of the session page


def test_the_booking_button_carries_a_new_token_each_time_the_page_is_shown(
    client, session, lea
):
    sign_in(client, lea)

    first = form_token_in(client.get(f"/agenda/{session.id}/"))
    second = form_token_in(client.get(f"/agenda/{session.id}/"))

    assert first != second


def test_booking_twice_with_the_same_token_takes_one_seat_and_answers_the_same(
    client, session, lea
):
    sign_in(client, lea)
    token = form_token_in(client.get(f"/agenda/{session.id}/"))
    url = f"/agenda/{session.id}/book/"

    first = sent(client, url, {"form_token": token})
    again = sent(client, url, {"form_token": token})

    assert (
        first == again == ([(f"/agenda/{session.id}/", 302)], ["Your seat is booked."])
    )
    assert Booking.objects.filter(user=lea).count() == 1
    assert seats_taken(session) == 1


def test_a_new_token_books_as_before_refusing_a_second_seat_for_the_same_person(
    client, session, lea
):
    sign_in(client, lea)
    client.post(f"/agenda/{session.id}/book/", {"form_token": str(uuid4())})

    response = client.post(f"/agenda/{session.id}/book/", {"form_token": str(uuid4())})

    assert response.status_code == 400
    assert "You have already booked this session." in response.content.decode()
    assert seats_taken(session) == 1


def test_another_persons_booking_token_is_refused_and_books_nothing(
    client, session, lea
):
    token = uuid4()
    services.booking_create(session=session, name="Léa", user=lea, form_token=token)
    sign_in(client, learner_create(email="max@example.be", display_name="Max"))

    response = client.post(f"/agenda/{session.id}/book/", {"form_token": str(token)})

    assert response.status_code == 400
    assert ALREADY_SENT_PAGE in response.content.decode()
    assert list(Booking.objects.values_list("user__email", flat=True)) == [lea.email]
    assert seats_taken(session) == 1


def test_the_button_of_a_booking_cancelled_since_is_refused_not_answered(
    client, session, lea
):
    sign_in(client, lea)
    token = form_token_in(client.get(f"/agenda/{session.id}/"))
    client.post(f"/agenda/{session.id}/book/", {"form_token": token})
    booking = Booking.objects.get()
    client.post(f"/agenda/bookings/{booking.uuid}/cancel/")

    # The browser's back button, then the old page's button.
    response = client.post(f"/agenda/{session.id}/book/", {"form_token": token})

    assert response.status_code == 400
    assert ALREADY_SENT_PAGE in response.content.decode()
    assert list(Booking.objects.values_list("status", flat=True)) == ["cancelled"]
    assert seats_taken(session) == 0


# The facilitator's desk


def desk_url(session) -> str:
    return f"/agenda/facilitator/sessions/{session.id}/"


MARCEL = {"name": "Marcel", "phone": "0470 11 22 33"}


def desk_data(token, **fields) -> dict:
    return (
        {"name": "Josiane", "phone": "081 22 33 44", "seats": 2}
        | fields
        | {"form_token": str(token)}
    )


def test_the_desk_form_carries_a_new_token_each_time(client, session, facilitator):
    sign_in(client, facilitator)

    assert form_token_in(client.get(desk_url(session))) != form_token_in(
        client.get(desk_url(session))
    )


def test_a_desk_booking_sent_twice_takes_its_seats_once_and_answers_the_same(
    client, session, facilitator
):
    sign_in(client, facilitator)
    token = form_token_in(client.get(desk_url(session)))

    first = sent(client, desk_url(session), desk_data(token))
    again = sent(client, desk_url(session), desk_data(token))

    assert first == again
    assert first == (
        [(desk_url(session), 302)],
        ["Josiane is booked in (Confirmed)."],
    )
    assert Booking.objects.count() == 1
    assert seats_taken(session) == 2


def test_book_anyway_sent_twice_books_the_second_person_once(
    client, session, facilitator
):
    services.booking_create(session=session, name="Josiane", phone="081 22 33 44")
    sign_in(client, facilitator)
    token = form_token_in(client.get(desk_url(session)))

    asked = client.post(desk_url(session), desk_data(token))
    # The question keeps the form's token for its "Book anyway" button.
    assert "Book anyway" in asked.content.decode()
    assert form_token_in(asked) == str(token)
    anyway = desk_data(token, book_anyway="1")
    first = sent(client, desk_url(session), anyway)
    again = sent(client, desk_url(session), anyway)

    assert (
        first
        == again
        == (
            [(desk_url(session), 302)],
            ["Josiane is booked in (Confirmed)."],
        )
    )
    assert Booking.objects.count() == 2
    assert seats_taken(session) == 1 + 2


def test_the_desk_form_sent_again_without_book_anyway_is_not_its_own_duplicate(
    client, session, facilitator
):
    sign_in(client, facilitator)
    token = uuid4()
    sent(client, desk_url(session), desk_data(token))

    # A retry of the first sending (no duplicate then): no question about itself.
    again = sent(client, desk_url(session), desk_data(token))

    assert again[1] == ["Josiane is booked in (Confirmed)."]
    assert Booking.objects.count() == 1


def test_a_new_desk_token_books_as_before(client, session, facilitator):
    sign_in(client, facilitator)
    client.post(desk_url(session), desk_data(uuid4()))

    client.post(desk_url(session), desk_data(uuid4(), **MARCEL))

    assert sorted(Booking.objects.values_list("name", flat=True)) == [
        "Josiane",
        "Marcel",
    ]


def test_a_desk_token_sent_back_for_someone_else_is_refused_with_a_new_token(
    client, session, facilitator
):
    sign_in(client, facilitator)
    token = uuid4()
    client.post(desk_url(session), desk_data(token))

    # The back button brings the sent form back; another name is typed in.
    refused = client.post(desk_url(session), desk_data(token, **MARCEL))

    assert ALREADY_SENT_FORM in refused.content.decode()
    assert 'value="Marcel"' in refused.content.decode()  # what was typed stays
    new_token = form_token_in(refused)
    assert new_token != str(token)
    assert list(Booking.objects.values_list("name", flat=True)) == ["Josiane"]

    client.post(desk_url(session), desk_data(new_token, **MARCEL))
    assert Booking.objects.filter(name="Marcel").count() == 1


def test_another_facilitators_desk_token_is_refused_and_books_nothing(
    client, session, namur, facilitator
):
    colleague = learner_create(email="collegue@epn-namur.be")
    namur.memberships.create(user=colleague)
    token = uuid4()
    services.desk_booking_create(
        session=session,
        booked_by=colleague,
        name="Josiane",
        phone="+3281223344",
        seats=2,
        form_token=token,
    )
    sign_in(client, facilitator)

    refused = client.post(desk_url(session), desk_data(token, book_anyway="1"))

    assert refused.status_code == 200  # the desk page, its form saying why
    assert ALREADY_SENT_FORM in refused.content.decode()
    assert Booking.objects.count() == 1
    assert seats_taken(session) == 2


# The facilitator's new-session form


def session_fields(namur, token, *, days: int = 7, **fields) -> dict:
    return session_form_data(namur, days=days, form_token=str(token), **fields)


NEW_SESSION = "/agenda/facilitator/sessions/new/"


def test_the_new_session_form_carries_a_new_token_and_a_change_none(
    client, session, facilitator
):
    sign_in(client, facilitator)

    first = form_token_in(client.get(NEW_SESSION))
    second = form_token_in(client.get(NEW_SESSION))
    change = client.get(f"/agenda/facilitator/sessions/{session.id}/edit/")

    assert first != second
    assert 'name="form_token"' not in change.content.decode()


def test_a_new_session_sent_twice_is_created_once_and_answers_the_same(
    client, namur, facilitator
):
    sign_in(client, facilitator)
    token = form_token_in(client.get(NEW_SESSION))
    fields = session_fields(namur, token)

    first = sent(client, NEW_SESSION, fields)
    again = sent(client, NEW_SESSION, fields)

    created = Session.objects.get()
    assert (
        first
        == again
        == (
            [(f"/agenda/facilitator/sessions/{created.id}/", 302)],
            ["The session is saved."],
        )
    )
    assert created.form_token is not None
    assert list(created.facilitators.all()) == [facilitator]


def test_next_weeks_session_made_from_the_sent_form_is_refused_then_created(
    client, namur, facilitator
):
    sign_in(client, facilitator)
    token = uuid4()
    client.post(NEW_SESSION, session_fields(namur, token))

    refused = client.post(NEW_SESSION, session_fields(namur, token, days=14))

    assert ALREADY_SENT_FORM in refused.content.decode()
    assert Session.objects.count() == 1
    client.post(NEW_SESSION, session_fields(namur, form_token_in(refused), days=14))
    assert Session.objects.count() == 2


def test_a_new_session_token_makes_a_second_session_as_before(
    client, namur, facilitator
):
    sign_in(client, facilitator)

    for _ in range(2):
        client.post(NEW_SESSION, session_fields(namur, uuid4()))

    assert Session.objects.count() == 2


def test_another_facilitators_session_token_is_refused_and_creates_nothing(
    client, namur, facilitator
):
    colleague = learner_create(email="collegue@epn-namur.be")
    namur.memberships.create(user=colleague)
    token = uuid4()
    sign_in(client, colleague)
    client.post(NEW_SESSION, session_fields(namur, token))
    sign_in(client, facilitator)

    refused = client.post(NEW_SESSION, session_fields(namur, token))

    assert ALREADY_SENT_FORM in refused.content.decode()
    assert Session.objects.count() == 1


def test_a_session_form_without_a_token_works_as_before(client, namur, facilitator):
    sign_in(client, facilitator)
    fields = session_fields(namur, "")

    for _ in range(2):
        client.post(NEW_SESSION, fields)

    assert Session.objects.filter(form_token=None).count() == 2


def test_a_session_of_another_organiser_keeps_its_token_to_itself(
    client, namur, facilitator
):
    other = organiser_create(name="EPN de Mons", members=[facilitator])
    token = uuid4()
    sign_in(client, facilitator)
    client.post(NEW_SESSION, session_fields(namur, token))

    refused = client.post(NEW_SESSION, session_fields(other, token))

    assert ALREADY_SENT_FORM in refused.content.decode()
    assert list(Session.objects.values_list("organiser", flat=True)) == [namur.id]
