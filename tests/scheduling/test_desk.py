"""The facilitator's desk: sessions in the day's order, one-tap attendance, phone
numbers checked, likely duplicates asked about, cancellations confirmed first."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone, translation

from scheduling import exceptions, selectors, services, sms
from scheduling.forms import DeskBookingForm
from scheduling.models import Booking, Session
from scheduling.statements import ATTENDED
from tests.factories import PASSWORD, learner_create
from tests.scheduling.factories import in_english, organiser_create, session_create
from xapi.models import Statement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()


@pytest.fixture
def session(namur):
    return session_create(namur, capacity=10)


@pytest.fixture
def intruder():
    other = learner_create(email="anim@epn-mons.be")
    organiser_create(name="EPN de Mons", members=[other])
    return other


def sign_in(client, user):
    client.login(email=user.email, password=PASSWORD)


def desk_url(session):
    return f"/agenda/facilitator/sessions/{session.id}/"


# Sessions in the order of the day's work


def test_desk_sessions_are_today_then_upcoming_soonest_first_then_past_latest_first(
    namur, facilitator
):
    noon = timezone.make_aware(datetime.combine(timezone.localdate(), time(12)))

    def at(delta, title):
        return session_create(namur, title=title, starts_at=noon + delta)

    at(timedelta(days=-10), "Il y a dix jours")
    at(timedelta(days=-1), "Hier")
    at(timedelta(hours=-3), "Ce matin")
    at(timedelta(hours=2), "Cet après-midi")
    at(timedelta(days=5), "Dans cinq jours")
    at(timedelta(days=1), "Demain")
    session_create(organiser_create(name="EPN de Mons"), title="Pas à moi")

    desk = selectors.desk_sessions(user=facilitator, now=noon)

    assert [s.title for s in desk.today] == ["Ce matin", "Cet après-midi"]
    assert [s.title for s in desk.upcoming] == ["Demain", "Dans cinq jours"]
    assert [s.title for s in desk.past] == ["Hier", "Il y a dix jours"]
    assert desk.past_total == 2


def test_desk_sessions_list_only_the_last_past_ones_and_count_them_all(
    namur, facilitator, django_assert_max_num_queries
):
    now = timezone.now()
    for days in range(1, 6):
        session_create(
            namur, title=f"Il y a {days} jours", starts_at=now - timedelta(days=days)
        )

    with django_assert_max_num_queries(4):
        desk = selectors.desk_sessions(user=facilitator, past_limit=3)

    assert [s.title for s in desk.past] == [
        "Il y a 1 jours",
        "Il y a 2 jours",
        "Il y a 3 jours",
    ]
    assert desk.past_total == 5


def test_the_facilitator_home_shows_today_before_upcoming(client, namur, facilitator):
    soon = timezone.localtime() + timedelta(minutes=30)
    if soon.date() != timezone.localdate():
        soon = timezone.localtime() - timedelta(minutes=30)
    session_create(namur, title="Plus tard", starts_at=soon + timedelta(days=2))
    session_create(namur, title="Aujourd'hui", starts_at=soon)
    sign_in(client, facilitator)
    in_english(client)

    with translation.override("en"):
        page = client.get("/agenda/facilitator/").content.decode()

    assert page.index("Aujourd&#x27;hui") < page.index("Plus tard")


def test_is_facilitator_for_members_of_a_space_or_partner_only(namur, facilitator):
    from django.contrib.auth.models import AnonymousUser

    assert selectors.is_facilitator(user=facilitator)
    assert not selectors.is_facilitator(user=learner_create(email="lea@example.be"))
    assert not selectors.is_facilitator(user=AnonymousUser())


# Phone numbers


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0470 12 34 56", "+32470123456"),
        ("+32 470 12 34 56", "+32470123456"),
        ("0032 470 12 34 56", "+32470123456"),
        ("081 22 33 44", "+3281223344"),
        ("+33 6 12 34 56 78", "+33612345678"),
    ],
)
def test_desk_phone_numbers_are_stored_in_e164(typed, stored):
    form = DeskBookingForm({"name": "Josiane", "phone": typed, "seats": 1})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == stored


@pytest.mark.parametrize("typed", ["abc", "12", "+32 4 70"])
def test_desk_phone_numbers_that_reach_no_one_are_refused(typed):
    with translation.override("en"):
        form = DeskBookingForm({"name": "Josiane", "phone": typed, "seats": 1})
        assert not form.is_valid()
        assert "0470 12 34 56" in form.errors["phone"][0]


def test_a_desk_booking_with_a_bad_phone_stores_and_texts_nothing(
    client, session, facilitator
):
    sign_in(client, facilitator)
    in_english(client)

    with translation.override("en"):
        response = client.post(
            desk_url(session), {"name": "Josiane", "phone": "abc", "seats": 1}
        )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in page
    assert 'aria-invalid="true"' in page
    assert not Booking.objects.exists()
    assert sms.outbox == []


def test_the_desk_shows_phone_numbers_as_people_read_them(client, session, facilitator):
    Booking.objects.create(
        session=session, name="Josiane", phone="+32470123456", status="confirmed"
    )
    Booking.objects.create(
        session=session, name="Claire", phone="+33612345678", status="confirmed"
    )
    sign_in(client, facilitator)

    page = client.get(desk_url(session)).content.decode()

    assert '<a href="tel:+32470123456">0470 12 34 56</a>' in page
    assert '<a href="tel:+33612345678">+33 6 12 34 56 78</a>' in page


def test_the_booking_model_refuses_a_bad_phone_on_full_clean(session):
    from django.core.exceptions import ValidationError

    booking = Booking(session=session, name="Josiane", phone="abc", status="confirmed")

    with pytest.raises(ValidationError) as refused:
        booking.full_clean()
    assert "phone" in refused.value.message_dict


# Likely duplicates


def test_likely_duplicates_are_the_same_phone_or_name_on_a_live_booking(session):
    marie = services.booking_create(
        session=session, name="Marie Dupont", phone="+32470123456"
    )
    services.booking_create(session=session, name="Jean", phone="+32470999999")
    elsewhere = session_create(session.organiser)
    services.booking_create(session=elsewhere, name="Luc", phone="0471 11 11 11")

    def found(**who):
        return selectors.desk_booking_duplicates(session=session, **who)

    assert found(name="  marie-dupont ", phone="") == [marie]
    assert found(name="MARIE DUPONT", phone="") == [marie]
    assert found(name="Mârie Düpont", phone="") == [marie]
    assert found(name="M. Dupont", phone="0470 12 34 56") == [marie]
    assert found(name="Marie Durant", phone="0470 12 34 57") == []
    assert found(name="Luc", phone="0471 11 11 11") == []


def test_a_cancelled_booking_is_no_duplicate(session):
    marie = services.booking_create(session=session, name="Marie", phone="0470123456")
    services.booking_cancel(booking=marie)

    assert selectors.desk_booking_duplicates(session=session, name="Marie") == []


def test_desk_booking_create_asks_before_booking_someone_twice(session, facilitator):
    first = services.desk_booking_create(
        session=session,
        name="Marie Dupont",
        phone="+32470123456",
        booked_by=facilitator,
    )

    with pytest.raises(exceptions.LikelyDuplicate) as asked:
        services.desk_booking_create(
            session=session, name="marie dupont", booked_by=facilitator, phone=""
        )
    assert asked.value.bookings == [first]
    assert Booking.objects.count() == 1

    services.desk_booking_create(
        session=session,
        name="marie dupont",
        phone="+32470123456",
        booked_by=facilitator,
        book_anyway=True,
    )
    assert Booking.objects.count() == 2


def test_the_desk_warns_of_a_duplicate_and_books_only_when_confirmed(
    client, session, facilitator
):
    first = services.booking_create(
        session=session, name="Marie Dupont", phone="+32470123456"
    )
    sign_in(client, facilitator)
    in_english(client)
    data = {"name": "marie dupont", "phone": "0470 12 34 56", "seats": 1}

    with translation.override("en"):
        warned = client.post(desk_url(session), data).content.decode()
    when = timezone.localtime(first.created_at).strftime("%H:%M")
    assert "Marie Dupont is already booked on this session (" in warned
    assert when in warned
    assert 'name="book_anyway"' in warned
    assert 'value="marie dupont"' in warned  # what was typed is kept
    assert Booking.objects.count() == 1

    client.post(desk_url(session), {**data, "book_anyway": "1"})
    assert Booking.objects.count() == 2


# One tap per person present


def attendance_url(booking):
    return f"/agenda/facilitator/bookings/{booking.id}/attendance/"


def test_one_tap_marks_a_person_present_and_returns_to_their_row(
    client, session, facilitator
):
    lea = learner_create(email="lea@example.be")
    booking = services.booking_create(session=session, name="Léa", user=lea)
    sign_in(client, facilitator)
    in_english(client)

    response = client.post(attendance_url(booking), {"attended": "1"})
    client.post(attendance_url(booking), {"attended": "1"})  # a double tap

    assert response.status_code == 302
    assert response["Location"].endswith(f"{desk_url(session)}#booking-{booking.id}")
    booking.refresh_from_db()
    assert booking.attended
    assert Statement.objects.filter(verb_id=ATTENDED).count() == 1
    page = client.get(desk_url(session)).content.decode()
    assert f'id="booking-{booking.id}"' in page
    assert 'aria-pressed="true"' in page


def test_a_second_tap_undoes_and_ticking_again_stores_no_second_statement(
    client, session, facilitator
):
    lea = learner_create(email="lea@example.be")
    booking = services.booking_create(session=session, name="Léa", user=lea)
    sign_in(client, facilitator)
    in_english(client)

    client.post(attendance_url(booking), {"attended": "1"})
    client.post(attendance_url(booking), {"attended": "0"})
    booking.refresh_from_db()
    assert not booking.attended
    answer = client.post(
        attendance_url(booking), {"attended": "1"}, HTTP_ACCEPT="application/json"
    )

    assert answer.json() == {"attended": True}
    assert Statement.objects.filter(verb_id=ATTENDED).count() == 1


@pytest.mark.parametrize("forged", ["abc", "999999", "99999999999999999999999"])
def test_a_tap_on_a_forged_booking_id_finds_nothing(
    client, session, facilitator, forged
):
    booking = services.booking_create(session=session, name="Anne", phone="1")
    sign_in(client, facilitator)

    response = client.post(
        f"/agenda/facilitator/bookings/{forged}/attendance/", {"attended": "1"}
    )

    assert response.status_code == 404
    booking.refresh_from_db()
    assert not booking.attended


def test_a_waiting_booking_cannot_be_marked_present(client, namur, facilitator):
    full = session_create(namur, capacity=1)
    services.booking_create(session=full, name="Anne", phone="0470123456")
    waiting = services.booking_create(session=full, name="Bob", phone="0470123457")
    sign_in(client, facilitator)
    in_english(client)

    assert client.post(attendance_url(waiting), {"attended": "1"}).status_code == 409
    waiting.refresh_from_db()
    assert not waiting.attended


# Cancelling asks first


def test_cancelling_a_session_says_who_will_be_told_then_cancels_on_post(
    client, session, facilitator, django_capture_on_commit_callbacks
):
    services.booking_create(session=session, name="Anne", phone="0470123456")
    services.booking_create(
        session=session, name="Bob", phone="0470123457", email="bob@example.be"
    )
    gone = services.booking_create(session=session, name="Chloé", email="c@ex.be")
    services.booking_cancel(booking=gone)
    sign_in(client, facilitator)
    in_english(client)
    url = f"{desk_url(session)}cancel/"

    with translation.override("en"):
        page = client.get(url).content.decode()
    assert "2 bookings will be cancelled and told." in page
    assert "1 by e-mail" in page
    assert "2 by SMS" in page
    assert "No, keep the session" in page
    assert 'class="button danger"' in page
    session.refresh_from_db()
    assert session.status == Session.Status.PUBLISHED

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED
    assert len(sms.outbox) == 2


def test_cancelling_a_booking_asks_first_then_cancels_on_post(
    client, session, facilitator
):
    booking = services.booking_create(session=session, name="Anne", phone="0470123456")
    sign_in(client, facilitator)
    in_english(client)
    url = f"/agenda/facilitator/bookings/{booking.id}/cancel/"

    with translation.override("en"):
        page = client.get(url).content.decode()
    assert "Cancel the booking of Anne?" in page
    assert "No, keep the booking" in page
    booking.refresh_from_db()
    assert booking.status == "confirmed"

    client.post(url)
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_another_organisers_desk_pages_are_404_on_get_and_post(
    client, session, intruder
):
    booking = services.booking_create(session=session, name="Anne", phone="0470123456")
    sign_in(client, intruder)

    for url in (
        f"{desk_url(session)}cancel/",
        f"/agenda/facilitator/bookings/{booking.id}/cancel/",
    ):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert client.post(attendance_url(booking), {"attended": "1"}).status_code == 404
    booking.refresh_from_db()
    session.refresh_from_db()
    assert (booking.status, booking.attended, session.status) == (
        "confirmed",
        False,
        "published",
    )


def test_session_cancel_reach_counts_live_bookings_by_channel(session):
    services.booking_create(session=session, name="A", phone="0470123456")
    services.booking_create(session=session, name="B", email="b@example.be")
    services.booking_create(
        session=session, name="C", phone="0470123457", email="c@example.be"
    )

    reach = selectors.session_cancel_reach(session=session)

    assert (reach.bookings, reach.by_email, reach.by_sms) == (3, 2, 2)


# Only confirmed bookings are ticked present, whatever the way in


def test_check_in_of_a_waiting_booking_says_so_and_refuses(client, facilitator, namur):
    full = session_create(namur, capacity=1)
    services.booking_create(session=full, name="Anne", phone="0470123456")
    waiting = services.booking_create(session=full, name="Paul", phone="0470654321")
    sign_in(client, facilitator)
    in_english(client)
    url = f"/agenda/facilitator/check-in/{waiting.uuid}/"

    page = client.get(url).content.decode()
    refused = client.post(url)

    assert "on the waiting list" in page
    assert "Mark present" not in page
    assert refused.status_code == 409
    waiting.refresh_from_db()
    assert not waiting.attended
    assert not Statement.objects.exists()


def test_check_in_of_a_cancelled_booking_refuses(client, facilitator, session):
    booking = services.booking_create(session=session, name="Anne", phone="0470123456")
    services.booking_cancel(booking=booking)
    sign_in(client, facilitator)
    in_english(client)
    url = f"/agenda/facilitator/check-in/{booking.uuid}/"

    assert "is cancelled" in client.get(url).content.decode()
    assert client.post(url).status_code == 409
    booking.refresh_from_db()
    assert not booking.attended


def test_the_attendance_list_ticks_only_confirmed_bookings(facilitator, namur):
    full = session_create(namur, capacity=1)
    seated = services.booking_create(session=full, name="Anne", phone="0470123456")
    waiting = services.booking_create(session=full, name="Paul", phone="0470654321")

    services.attendance_list_set(
        session=full, present_ids={str(seated.id), str(waiting.id)}
    )

    seated.refresh_from_db()
    waiting.refresh_from_db()
    assert (seated.attended, waiting.attended) == (True, False)


@pytest.mark.parametrize("interface", ["fr", "de", "nl", "en"])
def test_a_sessions_languages_are_named_in_their_own_language(interface):
    """As on the profile and the language buttons: a person finds their own."""
    from scheduling.forms import SessionForm
    from scheduling.models import Organiser

    with translation.override(interface):
        offered = [
            str(label)
            for _, label in SessionForm(organisers=Organiser.objects.none())
            .fields["language"]
            .choices
        ]

    assert offered == ["Français", "Deutsch", "Nederlands", "English"]
