"""Agenda, session page, online booking, feeds, and the facilitators' pages."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from scheduling import services
from scheduling.models import Booking, Session
from scheduling.statements import ATTENDED
from tests.factories import PASSWORD, learner_create
from tests.scheduling.factories import in_english, organiser_create, session_create
from xapi.models import Statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(namur):
    return session_create(namur, capacity=1, topic="Courriel")


def sign_in(client, user):
    client.login(email=user.email, password=PASSWORD)


def test_the_agenda_filters_by_commune_date_topic_and_audience(client, namur):
    mons = organiser_create(name="EPN de Mons")
    in_namur = session_create(namur, title="Courriel à Namur", topic="Courriel")
    in_mons = session_create(
        mons,
        title="Scratch à Mons",
        commune="Mons",
        postal_code="7000",
        topic="Scratch",
        audience="young_people",
    )
    session_create(namur, title="Brouillon", status=Session.Status.DRAFT)

    everything = client.get("/agenda/").content.decode()
    assert "Courriel à Namur" in everything
    assert "Scratch à Mons" in everything
    assert "Brouillon" not in everything
    by_code = client.get("/agenda/", {"place": "7000"}).content.decode()
    assert "Scratch à Mons" in by_code
    assert "Courriel à Namur" not in by_code
    by_topic = client.get("/agenda/", {"topic": "courriel"}).content.decode()
    assert "Courriel à Namur" in by_topic
    assert "Scratch à Mons" not in by_topic
    young = client.get("/agenda/", {"audience": "young_people"}).content.decode()
    assert "Scratch à Mons" in young
    assert "Courriel à Namur" not in young
    # The day as people in Belgium say it (after 23:00 UTC, the next one).
    day = timezone.localdate(in_namur.starts_at).isoformat()
    on_day = client.get("/agenda/", {"on": day}).content.decode()
    assert "Courriel à Namur" in on_day
    assert in_mons.id


def test_the_agenda_finds_a_topic_whatever_its_accents_and_case(client, namur):
    session_create(namur, title="Sécurité en ligne", topic="Sécurité")
    session_create(namur, title="Écrire un courriel", topic="Courriel")

    for typed in ("securite", "SÉCURITÉ", "Securité"):
        found = client.get("/agenda/", {"topic": typed}).content.decode()
        assert "Sécurité en ligne" in found, typed
        assert "Écrire un courriel" not in found, typed
    assert (
        "Écrire un courriel"
        in client.get("/agenda/", {"topic": "ecrire"}).content.decode()
    )


def test_a_place_without_a_workshop_nearby_shows_the_nearest_further_away(
    client, namur
):
    in_english(client)
    session_create(namur, title="Courriel à Namur")

    page = client.get("/agenda/", {"place": "Bastogne"}).content.decode()

    assert "No workshop within 30 km of 6600 Bastogne" in page
    assert "Courriel à Namur" in page
    [km] = re.findall(r'<span class="distance">(\d+) km away</span>', page)
    assert 70 < int(km) < 90  # Bastogne to Namur, as the crow flies


def test_an_agenda_search_finding_nothing_leads_on(client, namur):
    in_english(client)
    session_create(namur, title="Courriel à Namur")

    page = client.get("/agenda/", {"topic": "robotique"}).content.decode()

    assert "No upcoming workshop matches." in page
    assert '<a href="/agenda/">See all the upcoming workshops</a>' in page
    assert '<a href="/">Or learn online' in page


def test_the_session_page_has_schema_org_event_json_ld(client, session):
    page = client.get(f"/agenda/{session.id}/").content.decode()

    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]
    )
    assert data["@type"] == "Event"
    assert data["name"] == "Découvrir le courriel"
    assert data["location"]["address"]["postalCode"] == "5000"
    assert data["remainingAttendeeCapacity"] == 1
    assert data["eventStatus"] == "https://schema.org/EventScheduled"


def test_a_learner_books_the_last_seat_another_waits_and_is_promoted(
    client, session, django_capture_on_commit_callbacks
):
    lea = learner_create(email="lea@example.be", display_name="Léa")
    max_ = learner_create(email="max@example.be", display_name="Max")

    sign_in(client, lea)
    client.post(f"/agenda/{session.id}/book/")
    sign_in(client, max_)
    client.post(f"/agenda/{session.id}/book/")
    assert Booking.objects.get(user=max_).status == "waiting"
    assert "liste d" in client.get(f"/agenda/{session.id}/").content.decode()

    sign_in(client, lea)
    booking = Booking.objects.get(user=lea)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/agenda/bookings/{booking.uuid}/cancel/")

    assert Booking.objects.get(user=max_).status == "confirmed"
    sign_in(client, max_)
    page = client.get(f"/agenda/{session.id}/").content.decode()
    assert "Votre place est réservée" in page


def test_booking_a_cancelled_or_past_session_is_refused_clearly(client, namur):
    lea = learner_create(email="lea@example.be")
    sign_in(client, lea)
    cancelled = session_create(namur, status=Session.Status.CANCELLED)
    past_start = timezone.now() - timedelta(days=1)
    past = session_create(
        namur, starts_at=past_start, ends_at=past_start + timedelta(hours=1)
    )

    for target in (cancelled, past):
        response = client.post(f"/agenda/{target.id}/book/")
        assert response.status_code == 400
        assert 'role="alert"' in response.content.decode()
    assert not Booking.objects.exists()


def test_someone_else_cannot_cancel_my_booking(client, session):
    lea = learner_create(email="lea@example.be")
    booking = services.booking_create(session=session, name="Léa", user=lea)
    sign_in(client, learner_create(email="max@example.be"))

    assert client.post(f"/agenda/bookings/{booking.uuid}/cancel/").status_code == 404
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_calendar_feeds_per_organiser_and_per_learner(client, session, namur):
    lea = learner_create(email="lea@example.be")
    services.booking_create(session=session, name="Léa", user=lea)

    feed = Calendar.from_ical(
        client.get(f"/agenda/feeds/organisers/{namur.id}.ics").content
    )
    assert [str(e["summary"]) for e in feed.walk("VEVENT")] == ["Découvrir le courriel"]

    sign_in(client, lea)
    page = client.get("/agenda/mine/").content.decode()
    feed_url = re.search(r'href="(http[^"]+\.ics)"', page)[1]
    client.logout()
    mine = Calendar.from_ical(client.get(feed_url).content)
    assert len(mine.walk("VEVENT")) == 1
    assert client.get("/agenda/feeds/mine/forged-token.ics").status_code == 404


def test_a_facilitator_books_someone_in_at_the_desk_with_name_and_phone(
    client, session, facilitator
):
    sign_in(client, facilitator)

    client.post(
        f"/agenda/facilitator/sessions/{session.id}/",
        {"name": "Josiane", "phone": "081 22 33 44", "seats": 1},
    )
    refused = client.post(
        f"/agenda/facilitator/sessions/{session.id}/",
        {"name": "Sans contact", "seats": 1},
    )

    booking = Booking.objects.get()
    assert (booking.name, booking.phone, booking.user) == (
        "Josiane",
        "+3281223344",
        None,
    )
    assert booking.booked_by == facilitator
    assert 'role="alert"' in refused.content.decode()


def test_a_facilitator_publishes_a_session_and_bad_input_is_refused(
    client, namur, facilitator
):
    sign_in(client, facilitator)
    starts = timezone.localtime() + timedelta(days=7)
    fields = {
        "organiser": namur.id,
        "title": "Itsme pas à pas",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "venue_name": "EPN",
        "address": "Rue de Fer 1",
        "postal_code": "5000",
        "commune": "Namur",
        "capacity": 10,
        "language": "fr",
        "audience": "everyone",
        "price": "0",
        "status": "published",
    }

    refused = client.post("/agenda/facilitator/sessions/new/", fields)
    assert 'role="alert"' in refused.content.decode()
    assert not Session.objects.exists()

    fields["ends_at"] = (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    client.post("/agenda/facilitator/sessions/new/", fields)
    created = Session.objects.get()
    assert created.status == "published"
    assert list(created.facilitators.all()) == [facilitator]

    services.booking_create(session=created, name="A", phone="1", seats=4)
    fields["capacity"] = 2
    refused = client.post(f"/agenda/facilitator/sessions/{created.id}/edit/", fields)
    assert 'role="alert"' in refused.content.decode()
    created.refresh_from_db()
    assert created.capacity == 10


def test_a_facilitator_cannot_see_or_change_another_spaces_sessions(
    client, session, facilitator
):
    other = learner_create(email="anim@epn-mons.be")
    organiser_create(name="EPN de Mons", members=[other])
    booking = services.booking_create(session=session, name="Anne", phone="1")
    sign_in(client, other)

    for url in (
        f"/agenda/facilitator/sessions/{session.id}/",
        f"/agenda/facilitator/sessions/{session.id}/edit/",
    ):
        assert client.get(url).status_code == 404
    for url in (
        f"/agenda/facilitator/sessions/{session.id}/attendance/",
        f"/agenda/facilitator/sessions/{session.id}/cancel/",
        f"/agenda/facilitator/bookings/{booking.id}/cancel/",
        f"/agenda/facilitator/check-in/{booking.uuid}/",
    ):
        assert client.post(url, {"attended": [booking.id]}).status_code == 404
    assert (
        client.post(
            f"/agenda/facilitator/sessions/{session.id}/",
            {"name": "Intrus", "phone": "1", "seats": 1},
        ).status_code
        == 404
    )
    booking.refresh_from_db()
    session.refresh_from_db()
    assert (booking.status, booking.attended, session.status) == (
        "confirmed",
        False,
        "published",
    )
    assert Booking.objects.count() == 1
    # A learner who runs nothing has no facilitator pages at all.
    sign_in(client, learner_create(email="lea@example.be"))
    assert client.get("/agenda/facilitator/").status_code == 404


def test_attendance_records_an_attended_statement_once_for_account_holders(
    client, session, facilitator
):
    session.capacity = 3
    session.save()
    lea = learner_create(email="lea@example.be")
    with_account = services.booking_create(session=session, name="Léa", user=lea)
    at_desk = services.booking_create(session=session, name="Josiane", phone="1")
    sign_in(client, facilitator)

    url = f"/agenda/facilitator/sessions/{session.id}/attendance/"
    client.post(url, {"attended": [with_account.id, at_desk.id]})
    client.post(url, {"attended": [at_desk.id]})
    client.post(url, {"attended": [with_account.id, at_desk.id]})

    assert Booking.objects.filter(attended=True).count() == 2
    statements = Statement.objects.filter(verb_id=ATTENDED)
    assert statements.count() == 1
    assert statements[0].data["actor"]["account"]["name"] == str(lea.learner_uid)


@pytest.mark.parametrize(
    "forged",
    [
        "abc",
        "1.5",
        "another session's",
        "another space's",
        "nonexistent",
        "99999999999999999999999",
    ],
)
def test_an_attendance_list_with_a_forged_id_is_refused_whole(
    client, namur, facilitator, forged
):
    session = session_create(namur, capacity=3)
    anne = services.booking_create(session=session, name="Anne", phone="1")
    services.attendance_set(booking=anne, attended=True)
    paul = services.booking_create(session=session, name="Paul", phone="2")
    same_space = services.booking_create(
        session=session_create(namur, title="Tablette"), name="Zoé", phone="3"
    )
    other_space = services.booking_create(
        session=session_create(organiser_create(name="EPN de Mons")),
        name="Yves",
        phone="4",
    )
    value = {
        "another session's": same_space.id,
        "another space's": other_space.id,
        "nonexistent": other_space.id + 1000,
    }.get(forged, forged)
    sign_in(client, facilitator)
    in_english(client)

    response = client.post(
        f"/agenda/facilitator/sessions/{session.id}/attendance/",
        {"attended": [paul.id, value]},
    )

    assert response.status_code == 400
    assert "names someone not booked on this session" in response.content.decode()
    attended = dict(Booking.objects.values_list("name", "attended"))
    assert attended == {"Anne": True, "Paul": False, "Zoé": False, "Yves": False}


def test_the_booking_qr_code_leads_its_facilitator_to_check_in(
    client, session, facilitator
):
    lea = learner_create(email="lea@example.be")
    booking = services.booking_create(session=session, name="Léa", user=lea)
    sign_in(client, lea)
    ticket = client.get(f"/agenda/bookings/{booking.uuid}/ticket/").content.decode()
    assert "<svg" in ticket

    sign_in(client, facilitator)
    client.post(f"/agenda/facilitator/check-in/{booking.uuid}/")

    booking.refresh_from_db()
    assert booking.attended


def test_a_wallcode_partner_member_cannot_touch_a_spaces_sessions(client, session):
    partner_member = learner_create(email="club@coderdojo.be")
    organiser_create(name="CoderDojo Liège", kind="partner", members=[partner_member])
    sign_in(client, partner_member)

    assert client.get(f"/agenda/facilitator/sessions/{session.id}/").status_code == 404
    home = client.get("/agenda/facilitator/").content.decode()
    assert "Découvrir le courriel" not in home


def test_space_and_partner_pages_link_their_calendar_feed(client):
    from epn.services import space_create
    from wallcode import services as wallcode
    from wallcode.models import Partner

    space = space_create(
        name="EPN de Namur", address="Rue de Fer 1", postal_code="5000", commune="Namur"
    )
    partner = wallcode.partner_save(
        partner=Partner(
            name="CoderDojo Liège",
            kind="coding_club",
            postal_code="4000",
            commune="Liège",
        )
    )

    for page, organiser in (
        (f"/epn/{space.slug}/", space.organiser_id),
        (f"/wallcode/partners/{partner.slug}/", partner.organiser_id),
    ):
        feed = f"/agenda/feeds/organisers/{organiser}.ics"
        assert feed in client.get(page).content.decode()
        assert client.get(feed)["Content-Type"].startswith("text/calendar")


def test_booking_posts_past_the_rate_limit_are_refused_and_store_nothing(
    client, namur, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "booking": "2/h"}
    lea = learner_create(email="lea@example.be")
    sessions = [session_create(namur, title=f"Atelier {n}") for n in range(3)]
    sign_in(client, lea)

    answers = [client.post(f"/agenda/{s.id}/book/").status_code for s in sessions]

    assert answers == [302, 302, 429]
    assert Booking.objects.count() == 2


def test_cancelling_asks_first_and_the_button_cancels(client, session):
    lea = learner_create(email="lea@example.be")
    booking = services.booking_create(session=session, name="Léa", user=lea)
    sign_in(client, lea)
    url = f"/agenda/bookings/{booking.uuid}/cancel/"

    in_english(client)
    page = client.get(url).content.decode()
    assert "Do you really want to cancel your seat for Découvrir le courriel" in page
    assert 'class="button danger"' in page
    assert f'href="/agenda/{session.id}/"' in page  # "No, keep my seat"
    booking.refresh_from_db()
    assert booking.status == "confirmed"

    assert client.post(url).status_code == 302
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert client.get(url).status_code == 400  # already cancelled, said clearly


def test_someone_else_cannot_see_the_cancel_page_of_my_booking(client, session):
    lea = learner_create(email="lea@example.be")
    booking = services.booking_create(session=session, name="Léa", user=lea)
    sign_in(client, learner_create(email="max@example.be"))

    response = client.get(f"/agenda/bookings/{booking.uuid}/cancel/")

    assert response.status_code == 404
    assert "Découvrir le courriel" not in response.content.decode()
    assert "Léa" not in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_after_booking_the_page_offers_the_calendar_first_and_cancel_as_a_link(
    client, session
):
    lea = learner_create(email="lea@example.be")
    booking = services.booking_create(session=session, name="Léa", user=lea)
    sign_in(client, lea)

    in_english(client)
    page = client.get(f"/agenda/{session.id}/").content.decode()

    calendar = page.index(f'href="/agenda/{session.id}/calendar.ics"')
    cancel = page.index(f'href="/agenda/bookings/{booking.uuid}/cancel/"')
    assert calendar < cancel
    assert "Add to my calendar" in page
    assert "iCal" not in page
    assert "<form" not in page[cancel - 200 : cancel]  # a link, not a button


def test_a_visitor_sees_the_spaces_phone_and_page_on_a_workshop(client):
    from epn.services import space_create

    space = space_create(
        name="EPN de Jambes",
        address="Rue de Dave 1",
        postal_code="5100",
        commune="Namur",
    )
    space.phone = "081 24 64 00"
    space.save(update_fields=["phone"])
    workshop = session_create(space.organiser)

    in_english(client)
    page = client.get(f"/agenda/{workshop.id}/").content.decode()

    assert f'<a href="/epn/{space.slug}/">EPN de Jambes</a>' in page
    assert 'href="tel:081246400"' in page
    assert "081 24 64 00" in page


def test_a_wallcode_activity_links_its_partners_page(client):
    from wallcode import services as wallcode
    from wallcode.models import Partner

    partner = wallcode.partner_save(
        partner=Partner(
            name="CoderDojo Liège",
            kind="coding_club",
            postal_code="4000",
            commune="Liège",
            contact_email="info@coderdojo.be",
        )
    )
    activity = session_create(partner.organiser)

    page = client.get(f"/agenda/{activity.id}/").content.decode()

    assert f'href="/wallcode/partners/{partner.slug}/"' in page
    assert 'href="tel:' not in page


def test_a_visitor_can_add_the_workshop_to_a_calendar_before_booking(client, session):
    in_english(client)

    page = client.get(f"/agenda/{session.id}/").content.decode()

    assert f'href="/agenda/{session.id}/calendar.ics"' in page
    assert "Add to my calendar" in page
