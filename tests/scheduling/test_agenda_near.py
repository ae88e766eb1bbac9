"""The agenda around a place: nearest first, by postal code or commune name."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from scheduling import exceptions, selectors
from scheduling.models import Session
from tests.scheduling.factories import in_english, organiser_create, session_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshops():
    """Workshops in Namur (5000), Jambes (5100), Gembloux (5030) and Mons (7000)."""
    epn = organiser_create()
    soon = timezone.now() + timedelta(days=2)
    return {
        "namur": session_create(epn, title="À Namur", starts_at=soon),
        "jambes": session_create(
            epn, title="À Jambes", postal_code="5100", starts_at=soon
        ),
        "jambes_later": session_create(
            epn,
            title="À Jambes, plus tard",
            postal_code="5100",
            starts_at=soon + timedelta(days=7),
        ),
        "gembloux": session_create(
            epn, title="À Gembloux", postal_code="5030", commune="Gembloux"
        ),
        "mons": session_create(epn, title="À Mons", postal_code="7000", commune="Mons"),
        "draft": session_create(
            epn, title="Brouillon", postal_code="5100", status=Session.Status.DRAFT
        ),
    }


def _titles(found):
    return [item.session.title for item in found]


def test_a_postal_code_finds_the_namur_workshops_nearest_first(workshops):
    place = selectors.place_find(text="5100")

    found = selectors.agenda_near(place=place)

    assert _titles(found) == [
        "À Jambes",
        "À Jambes, plus tard",  # same venue: soonest first
        "À Namur",
        "À Gembloux",
    ]
    assert found[0].distance_km < 1
    assert 1 < found[2].distance_km < 3
    assert "À Mons" not in _titles(found)  # about 60 km away


def test_a_commune_typed_without_accents_or_capitals_is_found(workshops):
    place = selectors.place_find(text="gembloux")

    found = selectors.agenda_near(place=place)

    assert place.postal_code == "5030"
    assert _titles(found)[0] == "À Gembloux"
    assert found[0].distance_km == pytest.approx(0, abs=0.5)


def test_an_unknown_place_is_said_clearly():
    with pytest.raises(exceptions.PlaceUnknown) as error, translation.override("en"):
        selectors.place_find(text="Atlantis")

    with translation.override("en"):
        assert "try a postal code such as 5000" in str(error.value.message)


def test_the_other_filters_still_apply_near_a_place(workshops):
    place = selectors.place_find(text="5000")
    workshops["namur"].topic = "Courriel"
    workshops["namur"].save(update_fields=["topic"])

    found = selectors.agenda_near(place=place, topic="courriel")

    assert _titles(found) == ["À Namur"]


def test_a_session_with_its_own_coordinates_is_placed_by_them(workshops):
    # Postal code 5000, but held in Mons: the coordinates win.
    workshops["namur"].latitude, workshops["namur"].longitude = 50.4542, 3.9523
    workshops["namur"].save(update_fields=["latitude", "longitude"])

    found = selectors.agenda_near(place=selectors.place_find(text="7000"))

    assert sorted(_titles(found)) == ["À Mons", "À Namur"]


def test_the_search_near_a_place_reads_the_sessions_in_one_query(
    workshops, django_assert_num_queries
):
    with django_assert_num_queries(1):
        found = selectors.agenda_search(place="namur")
        [item.session.organiser.name for item in found.sessions]

    assert found.near.postal_code == "5000"
    assert len(found.sessions) == 4


def test_the_agenda_without_a_place_is_soonest_first(workshops):
    found = selectors.agenda_search(topic="")

    assert found.near is None
    assert {item.distance_km for item in found.sessions} == {None}
    assert "À Mons" in _titles(found.sessions)


def test_the_agenda_page_shows_the_distance_and_unknown_places(client, workshops):
    in_english(client)
    near = client.get("/agenda/", {"place": "5100"}).content.decode()
    unknown = client.get("/agenda/", {"place": "Atlantis"}).content.decode()

    assert near.index("À Jambes") < near.index("À Namur") < near.index("À Gembloux")
    assert "km away" in near
    assert "We do not know this place: try a postal code such as 5000." in unknown
    assert "À Namur" not in unknown
