"""A space's page: its facts, its opening hours, and its upcoming workshops only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from scheduling.models import Session
from tests.epn.factories import space_create
from tests.scheduling.factories import organiser_create, session_create

pytestmark = pytest.mark.django_db

EN = {"accept-language": "en"}


@pytest.fixture
def space():
    return space_create(
        name="EPN de Namur",
        latitude=50.4663,
        longitude=4.8653,
        opening_hours="Mo-Fr 09:00-12:00,13:00-17:00; Sa 09:00-12:00; PH off",
        phone="081 00 42 42",
        email="epn@namur.example",
        website="https://epn.namur.example/",
        description="En plein centre, à cinq minutes de la gare.",
        computers=10,
        equipment=["computers", "wifi", "printer"],
        services_offered=["free_access", "eid_itsme"],
        wheelchair="partial",
        accessibility_notes="Une marche à l'entrée.",
        languages=["fr", "de"],
    )


def test_the_page_shows_the_facts_of_the_space(client, space):
    response = client.get("/epn/epn-de-namur/", headers=EN)
    page = response.content.decode()

    assert response.status_code == 200
    assert "<h1>EPN de Namur</h1>" in page
    for fact in [
        "Rue de Fer 42",
        "5000 Namur",
        'href="tel:081004242"',
        'href="mailto:epn@namur.example"',
        "https://epn.namur.example/",
        "En plein centre",
        "10 computers for the public",
        "Free Wi-Fi",
        "Printer",
        "Help with eID and itsme",
        "Partly accessible to wheelchair users",
        "Une marche à l&#x27;entrée.",
        "German",
        "https://www.openstreetmap.org/?mlat=50.46630&amp;mlon=4.86530",
    ]:
        assert fact in page, fact


def test_the_opening_hours_show_the_next_seven_days(client, space):
    response = client.get("/epn/epn-de-namur/", headers=EN)
    page = response.content.decode()

    week = response.context["week"]
    assert len(week) == 7
    assert week[0].day == timezone.localdate()
    assert page.count('<th scope="row">') == 7
    assert "<caption>The next seven days</caption>" in page
    assert "09:00 to 12:00" in page  # every week has a working day or a Saturday
    assert "Closed" in page  # Sunday


@pytest.mark.parametrize(
    ("opening_hours", "said"),
    [("24/7", "Open now"), ("off", "Closed now"), ("", "has not given its opening")],
)
def test_the_page_says_whether_the_space_is_open_now(client, opening_hours, said):
    space_create(name="EPN de Namur", opening_hours=opening_hours)

    page = client.get("/epn/epn-de-namur/", headers=EN).content.decode()

    assert said in page


def test_the_page_lists_upcoming_published_workshops_only(client, space):
    soon = timezone.now() + timedelta(days=2)
    published = session_create(
        space.organiser, title="Premiers pas sur smartphone", starts_at=soon
    )
    later = session_create(
        space.organiser,
        title="Reconnaître les arnaques",
        starts_at=soon + timedelta(days=5),
        capacity=12,
    )
    session_create(space.organiser, title="Atelier brouillon", status="draft")
    session_create(space.organiser, title="Atelier annulé", status="cancelled")
    session_create(
        space.organiser,
        title="Atelier passé",
        starts_at=timezone.now() - timedelta(days=1),
    )
    session_create(organiser_create(name="EPN de Mons"), title="Atelier à Mons")

    page = client.get("/epn/epn-de-namur/", headers=EN).content.decode()

    assert f'href="/agenda/{published.id}/"' in page
    assert f'href="/agenda/{later.id}/"' in page
    assert page.index("Premiers pas sur smartphone") < page.index(
        "Reconnaître les arnaques"
    )
    assert "12 seats left" in page
    for hidden in ["Atelier brouillon", "Atelier annulé", "Atelier passé", "Mons"]:
        assert hidden not in page


def test_a_full_workshop_says_so(client, space):
    session = session_create(space.organiser, title="Courriel", capacity=2)
    Session.objects.filter(id=session.id).update(seats_taken=2)

    page = client.get("/epn/epn-de-namur/", headers=EN).content.decode()

    assert "Full: waiting list" in page


def test_the_page_costs_the_same_queries_with_more_workshops(
    client, space, django_assert_max_num_queries
):
    session_create(space.organiser, title="Un")
    client.get("/epn/")  # the footer's site links are cached apart, per host
    with django_assert_max_num_queries(2):
        client.get("/epn/epn-de-namur/")
    for number in range(8):
        session_create(space.organiser, title=f"Atelier {number}")
    with django_assert_max_num_queries(2):
        client.get("/epn/epn-de-namur/")


def test_an_unknown_space_is_not_found(client):
    assert client.get("/epn/nulle-part/").status_code == 404
