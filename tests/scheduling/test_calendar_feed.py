"""A learner's calendar link: secret, revocable, and no one else's."""

import re

import pytest
from django.core import signing
from icalendar import Calendar

from scheduling import calendars, services
from scheduling.models import CalendarFeed
from tests.factories import PASSWORD, learner_create
from tests.scheduling.factories import in_english, session_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def lea(namur):
    lea = learner_create(email="lea@example.be")
    session = session_create(namur, title="Découvrir le courriel")
    services.booking_create(session=session, name="Léa", user=lea)
    return lea


def feed_url_on_my_page(client) -> str:
    page = client.get("/agenda/mine/").content.decode()
    return re.search(r'href="(http[^"]+\.ics)"', page)[1]


def events(response) -> list[str]:
    """The summaries of a served feed, which calendar apps read as iCalendar."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return [str(event["summary"]) for event in calendar.walk("VEVENT")]


def test_the_link_stays_the_same_until_a_new_one_is_made(client, lea):
    client.login(email=lea.email, password=PASSWORD)

    first = feed_url_on_my_page(client)

    assert feed_url_on_my_page(client) == first
    assert events(client.get(first)) == ["Découvrir le courriel"]


def test_a_new_link_replaces_the_old_one_which_then_404s(client, lea):
    client.login(email=lea.email, password=PASSWORD)
    in_english(client)
    old = feed_url_on_my_page(client)

    response = client.post("/agenda/mine/calendar-link/", follow=True)

    new = feed_url_on_my_page(client)
    assert "The old one no longer works" in response.content.decode()
    assert new != old
    client.logout()
    assert client.get(old).status_code == 404
    assert events(client.get(new)) == ["Découvrir le courriel"]


def test_making_a_new_link_asks_first_and_needs_a_signed_in_post(client, lea):
    client.login(email=lea.email, password=PASSWORD)
    token = calendars.learner_feed_token(lea)
    my_page = client.get("/agenda/mine/").content.decode()
    assert 'href="/agenda/mine/calendar-link/"' in my_page

    asked = client.get("/agenda/mine/calendar-link/").content.decode()

    assert "Créer un nouveau lien d’agenda\u00a0?" in asked
    assert '<form method="post">' in asked
    assert 'href="/agenda/mine/"' in asked  # "No, go back"
    assert calendars.learner_feed_token(lea) == token
    client.logout()
    assert client.post("/agenda/mine/calendar-link/").status_code == 302
    assert calendars.learner_feed_token(lea) == token


def test_made_up_and_old_signed_tokens_are_404(client, lea):
    calendars.learner_feed_token(lea)
    # What the former links held, and what anyone knowing the development key
    # could sign.
    signed = signing.dumps(lea.pk, salt="scheduling.learner-feed")
    made_up = "0123456789abcdef" + "A" * 43

    for token in (signed, made_up, "forged-token", "%00" * 20):
        response = client.get(f"/agenda/feeds/mine/{token}.ics")
        assert response.status_code == 404
        assert not response["Content-Type"].startswith("text/calendar")
        assert "Découvrir le courriel" not in response.content.decode()


def test_another_learners_verifier_does_not_open_my_feed(client, lea):
    max_ = learner_create(email="max@example.be")
    mine = calendars.learner_feed_token(lea)
    theirs = calendars.learner_feed_token(max_)
    selector = calendars.SELECTOR_LENGTH

    # My selector with their verifier, and the other way round.
    for token in (
        mine[:selector] + theirs[selector:],
        theirs[:selector] + mine[selector:],
    ):
        assert client.get(f"/agenda/feeds/mine/{token}.ics").status_code == 404
    assert events(client.get(f"/agenda/feeds/mine/{theirs}.ics")) == []


def test_an_inactive_learners_link_stops_working(client, lea):
    token = calendars.learner_feed_token(lea)
    lea.is_active = False
    lea.save()

    assert client.get(f"/agenda/feeds/mine/{token}.ics").status_code == 404
    assert CalendarFeed.objects.count() == 1
