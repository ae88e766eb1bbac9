"""Reach reports: figures on a known dataset, counted in the database; CSV export."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from scheduling import services as scheduling
from scheduling.models import Booking
from tests.scheduling.factories import organiser_create, session_create
from tests.wallcode.factories import held, partner_create
from wallcode import reports, services

pytestmark = pytest.mark.django_db


def group(session, seats, *, girls=None, boys=None, band="u12", postal_code=""):
    return services.group_booking_create(
        session=session,
        leader_name="Leader",
        group_name=f"Groupe de {seats}",
        email="leader@ecole.example",
        seats=seats,
        girls=girls,
        boys=boys,
        age_band=band,
        postal_code=postal_code,
    )


def child(session, *, gender="", band="u12", postal_code="4000"):
    return services.child_booking_create(
        session=session,
        first_name="Enfant",
        gender=gender,
        age_band=band,
        postal_code=postal_code,
        guardian_name="Parent",
        phone="0470 00 00 00",
        guardian_consents=True,
    )


@pytest.fixture
def liege():
    return partner_create(name="CoderDojo Liège", slug="coderdojo-liege")


@pytest.fixture
def namur():
    return partner_create(
        name="Les Petits Codeurs", postal_code="5000", commune="Namur"
    )


@pytest.fixture
def dataset(liege, namur):
    """Two activities held by Liège, others that must not count, one by Namur."""
    in_liege = {"postal_code": "4000", "commune": "Liège"}
    s1 = session_create(liege.organiser, capacity=40, title="Scratch", **in_liege)
    g1 = group(s1, 20, girls=9, boys=10, postal_code="4020")
    group(s1, 12, band="12-15")  # no postal code: counts in the activity's commune
    c1 = child(s1, gender="female")
    scheduling.booking_cancel(booking=child(s1, band="12-15", postal_code="4100"))
    s2 = session_create(liege.organiser, capacity=6, title="Python", **in_liege)
    child(s2, gender="male", band="16-18", postal_code="5000")
    child(s2, gender="other")
    group(s2, 5)  # 4 seats left: on the waiting list, not a participant
    s3 = session_create(liege.organiser, capacity=20, title="Annulée")
    group(s3, 10)
    scheduling.session_cancel(session=s3)
    upcoming = session_create(liege.organiser, capacity=20, title="À venir")
    group(upcoming, 3)
    too_early = session_create(liege.organiser, capacity=20, title="Trop tôt")
    group(too_early, 7)
    s5 = session_create(namur.organiser, capacity=20, title="Namur")
    group(s5, 8, girls=8, postal_code="5000")
    epn = session_create(organiser_create(), capacity=20, title="EPN")
    scheduling.booking_create(session=epn, name="Adulte", phone="0470", seats=4)
    for session in (s1, s2, s3, s5, epn):
        held(session, days_ago=10)
    held(too_early, days_ago=60)
    for booking in (g1, c1):
        scheduling.attendance_set(booking=booking, attended=True)


def period():
    today = timezone.localdate()
    return {"start": today - timedelta(days=30), "end": today}


def rows(report_rows):
    return {row.key: row.value for row in report_rows}


def test_school_year_runs_from_september_to_august():
    assert reports.school_year(today=date(2026, 11, 26)) == (
        date(2026, 9, 1),
        date(2027, 8, 31),
    )
    assert reports.school_year(today=date(2027, 8, 31)) == (
        date(2026, 9, 1),
        date(2027, 8, 31),
    )


@pytest.mark.usefixtures("dataset")
def test_a_partners_reach_counts_confirmed_seats_of_activities_held(liege):
    report = reports.reach(partner=liege, **period())

    assert report.activities == 2
    assert report.participants == 20 + 12 + 1 + 1 + 1
    assert report.attended == 20 + 1
    assert rows(report.age_bands) == {"u12": 22, "12-15": 12, "16-18": 1}
    assert rows(report.genders) == {
        "female": 9 + 1,
        "male": 10 + 1,
        "other": 1,
        "not_given": 1 + 12,
    }
    assert [(row.label, row.value) for row in report.communes] == [
        ("4020", 20),
        ("4000 Liège", 12 + 1 + 1),
        ("5000 Namur", 1),
    ]
    assert [
        (a["title"], a["participants"], a["attended"]) for a in (report.activity_rows)
    ] == [("Scratch", 33, 21), ("Python", 2, 0)]


@pytest.mark.usefixtures("dataset")
def test_the_programme_reach_adds_every_partner_and_no_epn_space():
    report = reports.reach(**period())

    assert report.activities == 3
    assert report.participants == 35 + 8
    assert rows(report.genders)["female"] == 10 + 8
    assert rows(report.communes)["5000"] == 1 + 8
    assert [
        (p["name"], p["activities"], p["participants"]) for p in (report.partner_rows)
    ] == [("CoderDojo Liège", 2, 35), ("Les Petits Codeurs", 1, 8)]


@pytest.mark.usefixtures("dataset")
def test_the_period_bounds_the_activities(liege):
    report = reports.reach(
        partner=liege,
        start=timezone.localdate() - timedelta(days=90),
        end=timezone.localdate() - timedelta(days=30),
    )

    assert (report.activities, report.participants) == (1, 7)


def test_reach_queries_do_not_grow_with_bookings(
    liege, namur, django_assert_num_queries
):
    session = session_create(liege.organiser, capacity=200)
    group(session, 5, postal_code="4020")
    held(session)
    with django_assert_num_queries(7):
        reports.reach(partner=liege, **period())

    more = session_create(liege.organiser, capacity=500)
    for seats in range(1, 30):
        group(more, seats, girls=1, postal_code=str(4000 + seats) if seats % 2 else "")
    held(more)
    with django_assert_num_queries(7):
        report = reports.reach(partner=liege, **period())
    assert report.participants == 5 + sum(range(1, 30))


@pytest.mark.usefixtures("dataset")
def test_the_csv_export_has_one_figure_a_line(client, liege, django_user_model):
    member = django_user_model.objects.create_user(email="m@coderdojo.example")
    services.partner_member_add(partner=liege, user=member)
    client.force_login(member)
    start, end = period()["start"], period()["end"]

    response = client.get(
        "/wallcode/partners/coderdojo-liege/report.csv",
        {"start": start.isoformat(), "end": end.isoformat()},
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["section", "key", "label", "value"]
    figures = {(row[0], row[1]): row[3] for row in table[1:]}
    assert figures[("period", "start")] == start.isoformat()
    assert figures[("total", "activities")] == "2"
    assert figures[("total", "participants")] == "35"
    assert figures[("total", "attended")] == "21"
    assert figures[("age_band", "12-15")] == "12"
    assert figures[("gender", "not_given")] == "13"
    assert figures[("commune", "4020")] == "20"
    labels = {row[2] for row in table if row[0] == "activity_participants"}
    assert any(label.endswith("Scratch") for label in labels)


def test_csv_cells_that_look_like_formulas_are_written_as_text():
    partner = partner_create(name="=HYPERLINK(1)")
    session = session_create(partner.organiser, capacity=5)
    group(session, 2)
    held(session)

    text = reports.reach_csv(reports.reach(**period()), title="+x")

    table = list(csv.reader(io.StringIO(text)))
    assert ["report", "title", "'+x", ""] in table
    assert ["partner_participants", partner.slug, "'=HYPERLINK(1)", "2"] in table


def test_bookings_on_the_waiting_list_or_cancelled_never_count(liege):
    session = session_create(liege.organiser, capacity=3)
    confirmed = group(session, 3)
    waiting = group(session, 2)
    held(session)

    report = reports.reach(partner=liege, **period())

    assert (confirmed.status, waiting.status) == ("confirmed", "waiting")
    assert report.participants == 3
    assert Booking.objects.count() == 2


def test_csv_activity_titles_and_partner_names_typed_as_formulas_stay_text(
    client, django_user_model
):
    manager = django_user_model.objects.create_user(email="m@example.be")
    partner = partner_create(name='=HYPERLINK("http://x")', members=[manager])
    session = session_create(partner.organiser, capacity=5, title="@title")
    group(session, 2)
    held(session)
    client.force_login(manager)
    start, end = (day.isoformat() for day in period().values())

    response = client.get(
        f"/wallcode/partners/{partner.slug}/report.csv?start={start}&end={end}"
    )

    text = response.content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert ["report", "title", '\'=HYPERLINK("http://x")', ""] in table
    [label] = {row[2] for row in table if row[0] == "activity_participants"}
    assert label.endswith(" @title")
    assert not label.startswith("'")
