"""No page does more queries as the catalogue grows: counted, small and large."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learners import services
from scheduling import services as scheduling
from tests.epn.factories import space_create
from tests.factories import lessons_of
from tests.scheduling.factories import organiser_create, session_create

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    """Of the page rendered afresh (nothing cached: neither the page, nor
    Wagtail's site paths, nor the menu)."""
    cache.clear()
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_catalogue_costs_the_same_for_two_courses_or_eight(client, course_builder):
    for number in range(2):
        course_builder.build(title=f"Cours {number}", modules=1, lessons=1)
    few = queries(client, "/")
    for number in range(2, 8):
        course_builder.build(title=f"Cours {number}", modules=1, lessons=1)

    assert queries(client, "/") == few


def test_the_agenda_costs_the_same_for_two_sessions_or_twelve(client):
    space = organiser_create()
    for _ in range(2):
        session_create(space)
    few = queries(client, reverse("scheduling:agenda"))
    for _ in range(10):
        session_create(space)

    assert queries(client, reverse("scheduling:agenda")) == few


def test_a_lesson_costs_the_same_in_a_short_course_or_a_long_one(
    client, learner, course_builder
):
    short = course_builder.build(title="Court", modules=1, lessons=2)
    long = course_builder.build(title="Long", modules=3, lessons=4)
    for course in (short, long):
        services.enrolment_create(user=learner, course=course)
    client.force_login(learner)
    counts = []
    for course in (short, long):
        lesson = lessons_of(course)[1]
        client.get(lesson.url)  # the visit is recorded on the first reading
        counts.append(queries(client, lesson.url))

    assert counts[0] == counts[1]


def test_a_course_page_costs_the_same_for_a_short_course_or_a_long_one(
    client, course_builder
):
    short = course_builder.build(title="Court", modules=1, lessons=1)
    long = course_builder.build(title="Long", modules=4, lessons=5)

    assert queries(client, short.url) == queries(client, long.url)


def test_the_dashboard_costs_the_same_for_one_course_or_six(
    client, learner, course_builder
):
    client.force_login(learner)
    courses = [
        course_builder.build(title=f"Cours {n}", modules=1, lessons=1) for n in range(6)
    ]
    services.enrolment_create(user=learner, course=courses[0])
    few = queries(client, reverse("learners:dashboard"))
    for course in courses[1:]:
        services.enrolment_create(user=learner, course=course)

    assert queries(client, reverse("learners:dashboard")) == few


def test_my_bookings_cost_the_same_for_one_booking_or_six(client, learner):
    client.force_login(learner)
    space = organiser_create()
    sessions = [session_create(space, capacity=3) for _ in range(6)]
    scheduling.booking_create(session=sessions[0], name="Jeanne", user=learner)
    client.get(reverse("scheduling:my_bookings"))  # makes their calendar link once
    few = queries(client, reverse("scheduling:my_bookings"))
    for session in sessions[1:]:
        scheduling.booking_create(session=session, name="Jeanne", user=learner)

    assert queries(client, reverse("scheduling:my_bookings")) == few


def test_the_epn_directory_costs_the_same_for_two_spaces_or_ten(client):
    for number in range(2):
        space_create(name=f"EPN {number}", postal_code=f"50{number:02}")
    few = queries(client, reverse("epn:directory"))
    for number in range(2, 10):
        space_create(name=f"EPN {number}", postal_code=f"50{number:02}")

    assert queries(client, reverse("epn:directory")) == few
