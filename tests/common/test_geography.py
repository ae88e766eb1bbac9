"""The postal code list that the directory and the agenda sort by distance with."""

import csv

import pytest

from common import geography

WALLOON_PROVINCES = {"Brabant wallon", "Hainaut", "Liège", "Luxembourg", "Namur"}


def test_the_list_covers_the_five_walloon_provinces_with_plausible_centres():
    with geography.POSTAL_CODES_CSV.open(encoding="utf-8") as rows:
        places = list(csv.DictReader(rows))

    codes = [place["postal_code"] for place in places]
    assert len(codes) >= 100
    assert len(set(codes)) == len(codes)
    assert {place["province"] for place in places} == WALLOON_PROVINCES
    for place in places:
        assert 49.45 < float(place["latitude"]) < 50.85, place
        assert 2.8 < float(place["longitude"]) < 6.45, place


@pytest.mark.parametrize(
    ("postal_code", "commune"),
    [("5000", "Namur"), ("4000", "Liège"), ("6000", "Charleroi"), ("6700", "Arlon")],
)
def test_main_postal_codes_are_known(postal_code, commune):
    assert geography.place_by_postal_code(postal_code).commune == commune


def test_distance_between_namur_and_liege_is_about_fifty_km():
    namur = geography.place_by_postal_code("5000")
    liege = geography.place_by_postal_code("4000")

    distance = geography.distance_km(
        namur.latitude, namur.longitude, liege.latitude, liege.longitude
    )

    assert 48 < distance < 54


def test_names_are_matched_without_accents_case_or_hyphens():
    assert geography.search_key("Braine-l'Alleud") == "braine l alleud"
    assert [p.postal_code for p in geography.places_named("LIEGE")] == [
        "4000",
        "4020",
        "4030",
        "4031",
        "4032",
    ]
    assert geography.places_named("jambes")[0].postal_code == "5100"
