"""Open data: the directory and the spaces' upcoming workshops, in CSV and JSON."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from epn import open_data
from epn.models import Space
from scheduling.models import Session
from tests.epn.factories import space_create
from tests.scheduling.factories import organiser_create, session_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return space_create(
        name="EPN de Namur",
        latitude=50.4663,
        longitude=4.8653,
        opening_hours="Mo-Fr 09:00-12:00,13:00-17:00",
        equipment=["computers", "wifi"],
        languages=["fr", "nl"],
        wheelchair="yes",
    )


def rows_of(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_spaces_csv_has_the_documented_columns_and_the_spaces(client, space):
    space_create(name="EPN fermé", active=False)

    response = client.get("/epn/spaces.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    header = response.content.decode().splitlines()[0]
    assert header.split(",") == open_data.SPACE_COLUMNS
    [row] = rows_of(response)  # the closed space is not in the directory
    assert row["slug"] == "epn-de-namur"
    assert row["name"] == "EPN de Namur"
    assert row["postal_code"] == "5000"
    assert row["latitude"] == "50.4663"
    assert row["opening_hours"] == "Mo-Fr 09:00-12:00,13:00-17:00"
    assert row["equipment"] == "computers|wifi"
    assert row["languages"] == "fr|nl"
    assert row["wheelchair"] == "yes"
    assert row["computers"] == ""
    assert row["url"] == "http://testserver/epn/epn-de-namur/"


def test_spaces_json_lists_the_spaces_with_lists_as_lists(client, space):
    response = client.get("/epn/spaces.json")

    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    [record] = response.json()["spaces"]
    assert list(record) == open_data.SPACE_COLUMNS
    assert record["equipment"] == ["computers", "wifi"]
    assert record["longitude"] == 4.8653
    assert record["computers"] is None


@pytest.fixture
def sessions(space):
    soon = timezone.now() + timedelta(days=2)
    upcoming = session_create(
        space.organiser,
        title="Premiers pas sur smartphone",
        starts_at=soon,
        capacity=10,
        topic="smartphone",
        audience="seniors",
        price=Decimal("2.50"),
    )
    Session.objects.filter(id=upcoming.id).update(seats_taken=3)
    session_create(space.organiser, title="Brouillon", status="draft")
    session_create(space.organiser, title="Annulé", status="cancelled")
    session_create(
        space.organiser, title="Passé", starts_at=timezone.now() - timedelta(hours=3)
    )
    partner = organiser_create(name="Club de code", kind="partner")
    session_create(partner, title="Scratch pour les 8-12 ans")
    closed = space_create(name="EPN fermé")
    Space.objects.filter(id=closed.id).update(active=False)
    session_create(closed.organiser, title="Dans un EPN fermé")
    return upcoming


def test_agenda_csv_has_the_upcoming_published_workshops_of_the_spaces(
    client, sessions
):
    response = client.get("/epn/agenda.csv")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.content.decode().splitlines()[0].split(",") == (
        open_data.SESSION_COLUMNS
    )
    [row] = rows_of(response)
    assert row["id"] == str(sessions.id)
    assert row["title"] == "Premiers pas sur smartphone"
    assert row["space"] == "EPN de Namur"
    assert row["space_url"] == "http://testserver/epn/epn-de-namur/"
    assert row["capacity"] == "10"
    assert row["seats_left"] == "7"
    assert row["audience"] == "seniors"
    assert row["topic"] == "smartphone"
    assert row["price"] == "2.50"
    assert row["language"] == "fr"
    assert row["postal_code"] == "5000"
    assert row["url"] == f"http://testserver/agenda/{sessions.id}/"
    starts = timezone.localtime(sessions.starts_at)
    assert row["start"] == starts.isoformat()
    assert row["start"].endswith(("+01:00", "+02:00"))  # Brussels time


def test_agenda_json_has_the_same_workshops(client, sessions):
    response = client.get("/epn/agenda.json")

    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    [record] = response.json()["sessions"]
    assert list(record) == open_data.SESSION_COLUMNS
    assert record["id"] == sessions.id
    assert record["seats_left"] == 7
    assert record["price"] == "2.50"


def test_open_data_costs_the_same_queries_for_more_rows(
    client, sessions, django_assert_max_num_queries
):
    for number in range(5):
        session_create(sessions.organiser, title=f"Atelier {number}")
        space_create(name=f"EPN {number}")
    with django_assert_max_num_queries(1):
        spaces_csv = client.get("/epn/spaces.csv")
    with django_assert_max_num_queries(1):
        spaces_json = client.get("/epn/spaces.json")
    with django_assert_max_num_queries(1):
        agenda_csv = client.get("/epn/agenda.csv")
    with django_assert_max_num_queries(1):
        agenda_json = client.get("/epn/agenda.json")

    # Every open space and every upcoming workshop of theirs, in one query.
    assert len(rows_of(spaces_csv)) == len(spaces_json.json()["spaces"]) == 6
    assert len(rows_of(agenda_csv)) == len(agenda_json.json()["sessions"]) == 6
    assert {"EPN de Namur", "EPN 4"} <= {row["name"] for row in rows_of(spaces_csv)}
    assert "Atelier 4" in {row["title"] for row in rows_of(agenda_csv)}


FORMULA = '=HYPERLINK("http://x")'


def test_spaces_csv_writes_formulas_typed_by_people_as_text(client):
    space = space_create(name=FORMULA, address="+32 rue", commune="@Namur")
    # No space of Wallonia has a negative coordinate: the row is written directly.
    Space.objects.filter(id=space.id).update(latitude=-50.5, longitude=-4.8653)

    [row] = rows_of(client.get("/epn/spaces.csv"))

    assert row["name"] == "'" + FORMULA
    assert row["address"] == "'+32 rue"
    assert row["commune"] == "'@Namur"
    # Coordinates are the platform's numbers: negative ones stay numbers.
    assert (row["latitude"], row["longitude"]) == ("-50.5", "-4.8653")


def test_agenda_csv_writes_formulas_typed_by_people_as_text(client):
    space = space_create(name=FORMULA)
    session_create(space.organiser, title="+1", topic="-x", commune="=cmd")

    [row] = rows_of(client.get("/epn/agenda.csv"))

    assert row["title"] == "'+1"
    assert row["space"] == "'" + FORMULA
    assert row["topic"] == "'-x"
    assert row["commune"] == "'=cmd"
    assert row["capacity"] == "2"
