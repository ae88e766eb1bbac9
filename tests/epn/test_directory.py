"""The directory: one box, where a commune or postal code lists the spaces
nearest it first, and a space's name finds it."""

import pytest

from epn import selectors
from epn.models import Space
from tests.epn.factories import space_create

pytestmark = pytest.mark.django_db

URL = "/epn/"
EN = {"accept-language": "en"}


@pytest.fixture
def spaces():
    return {
        "namur": space_create(name="EPN de Namur", latitude=50.4663, longitude=4.8653),
        "jambes": space_create(
            name="EPN de Jambes",
            address="Avenue Jean Materne 1",
            postal_code="5100",
            latitude=50.4569,
            longitude=4.8756,
        ),
        "liege": space_create(
            name="EPN d'Outremeuse",
            postal_code="4020",
            commune="Liège",
            latitude=50.6402,
            longitude=5.5860,
        ),
        "gembloux": space_create(
            name="EPN de Gembloux",
            postal_code="5030",
            commune="Gembloux",
            latitude=50.5614,
            longitude=4.6989,
        ),
        "nowhere": space_create(
            name="EPN sans adresse précise", postal_code="6900", commune="Marche"
        ),
    }


def names(response) -> list[str]:
    return [found.space.name for found in response.context["page"]]


def test_a_commune_typed_without_its_accent_lists_the_spaces_nearest_it_first(
    client, spaces
):
    response = client.get(URL, {"q": "liege"}, headers=EN)

    assert response.status_code == 200
    assert names(response)[0] == "EPN d'Outremeuse"
    assert len(names(response)) == 5  # the next commune's space may be the nearest
    assert "5 spaces, the nearest to 4000 Liège first" in response.content.decode()


def test_a_postal_code_lists_its_spaces_first(client, spaces):
    response = client.get(URL, {"q": "5100"}, headers=EN)

    assert names(response)[:2] == ["EPN de Jambes", "EPN de Namur"]


def test_a_locality_lists_the_spaces_nearest_it_first(client, spaces):
    # Jambes is in the commune of Namur: its postal code places it.
    response = client.get(URL, {"q": "Jambes"}, headers=EN)

    assert names(response)[0] == "EPN de Jambes"
    assert "the nearest to 5100 Jambes (Namur) first" in response.content.decode()


def test_near_a_postal_code_spaces_come_nearest_first_with_their_distance(
    client, spaces
):
    response = client.get(URL, {"q": "5000"}, headers=EN)
    page = response.content.decode()

    assert names(response) == [
        "EPN de Namur",
        "EPN de Jambes",
        "EPN de Gembloux",
        "EPN d'Outremeuse",
        "EPN sans adresse précise",  # no coordinates: last, without a distance
    ]
    distances = [found.distance_km for found in response.context["page"]]
    assert distances[:4] == sorted(distances[:4])
    assert distances[4] is None
    assert 50 < distances[3] < 57  # Namur to Outremeuse (Liège)
    assert "the nearest to 5000 Namur first" in page
    assert f"{distances[2]:.1f} km away" in page
    assert "as the crow flies" in page


def test_a_commune_without_a_space_lists_the_nearest_ones(client, spaces):
    response = client.get(URL, {"q": "Gesves"}, headers=EN)

    assert names(response)[:2] == ["EPN de Jambes", "EPN de Namur"]
    assert "the nearest to 5340 Gesves first" in response.content.decode()


def test_a_spaces_name_finds_it(client, spaces):
    response = client.get(URL, {"q": "outremeuse"}, headers=EN)

    assert names(response) == ["EPN d'Outremeuse"]
    assert "1 space found for “outremeuse”" in response.content.decode()


def test_words_matching_nothing_say_so_and_lead_to_all_the_spaces(client, spaces):
    response = client.get(URL, {"q": "Bruxelles"}, headers=EN)
    page = response.content.decode()

    assert names(response) == []
    assert "0 spaces found for “Bruxelles”" in page
    assert "the public digital spaces of Wallonia" in page
    assert 'href="/epn/">See all the spaces' in page


def test_an_unknown_postal_code_says_so_and_still_lists_the_spaces(client, spaces):
    response = client.get(URL, {"q": "1000"}, headers=EN)
    page = response.content.decode()

    assert response.status_code == 200
    assert "We do not know where the postal code 1000 is" in page
    assert "postal codes of Wallonia" in page
    assert 'aria-invalid="true"' in page
    assert "<title>Error:" in page
    assert len(names(response)) == 5
    assert "5 spaces in the directory" in page  # not "found for 1000"
    assert "found for" not in page


def test_a_link_from_when_the_directory_had_a_postal_code_box_still_works(
    client, spaces
):
    response = client.get(URL, {"near": "Namur"}, headers=EN)

    assert response.status_code == 200
    assert names(response)[0] == "EPN de Namur"
    assert 'value="Namur"' in response.content.decode()


def test_a_space_taken_out_of_the_directory_is_not_listed(client, spaces):
    Space.objects.filter(id=spaces["gembloux"].id).update(active=False)

    response = client.get(URL, headers=EN)

    assert "EPN de Gembloux" not in names(response)
    assert client.get("/epn/epn-de-gembloux/").status_code == 404


def test_the_directory_pages_keep_the_search(client):
    for number in range(25):
        space_create(name=f"EPN {number:02d}", latitude=50.46, longitude=4.86)

    response = client.get(URL, {"q": "5000"}, headers=EN)
    page = response.content.decode()

    assert len(names(response)) == 20
    assert 'href="?q=5000&amp;page=2"' in page
    assert "Page 1 of 2" in page
    assert len(names(client.get(URL, {"q": "5000", "page": 2}))) == 5


def test_the_directory_is_read_in_one_query_however_many_spaces(
    spaces, django_assert_num_queries
):
    with django_assert_num_queries(1):
        found = selectors.spaces_directory(text="namur", near=None)
        assert [item.space.name for item in found]


def test_the_directory_page_costs_the_same_queries_for_more_spaces(
    client, spaces, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        before = client.get(URL, {"q": "5000"})
    for number in range(10):
        space_create(name=f"EPN {number}", latitude=50.46, longitude=4.86)
    with django_assert_max_num_queries(2):
        after = client.get(URL, {"q": "5000"})

    assert before.context["page"].paginator.count == len(spaces)
    assert after.context["page"].paginator.count == len(spaces) + 10
    assert "EPN 0" in names(after)  # right by Namur: on the first page
