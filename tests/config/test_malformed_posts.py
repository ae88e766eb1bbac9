"""Malformed POSTs to every view of the platform's own apps never answer 500.

Every URL of learners, scheduling, epn, wallcode and badges (from the URLconf, so a
new view is covered without being listed) and the information pages' report form
receive missing fields, wrong types, lists where one value is expected, huge text
and NUL characters, from someone allowed to use them. Any status but 500 will do:
a form error, a redirect, 404, 405, 429. The test client re-raises a view's
exception, so a failure shows its traceback.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from assessment.models import Attempt
from classes import services as classes
from desk import services as desk
from desk.consent import NOTICE_POINT_CODES
from learners import services as learners
from scheduling import calendars
from scheduling import services as scheduling
from scheduling.models import Membership
from tests.factories import learner_create, lessons_of, question_ids
from tests.scheduling.factories import organiser_create, session_create
from tests.siteinfo.factories import information_site_create
from tests.wallcode.factories import partner_create

pytestmark = pytest.mark.django_db

APPS = [
    "learners", "scheduling", "epn", "wallcode", "badges", "desk", "assessment",
    "classes",
]  # fmt: skip
# Field names of the platform's forms and views, each sent with every bad value.
FIELDS = [
    "address", "age_band", "age_max", "age_min", "answer", "attended", "audience",
    "book_anyway", "boys", "capacity", "code", "commune", "consent", "course",
    "description", "display_name", "email", "end", "ends_at", "explained",
    "first_name", "form_token", "gender", "girls", "group_name", "guardian_name",
    "item", "kind", "language", "leader_name", "message", "name", "organiser",
    "page_address", "password", "phone", "pin", "postal_code", "price", "seats",
    "start", "starts_at", "status", "title", "topic", "venue_name",
]  # fmt: skip
BAD_VALUES = {
    "missing": None,
    "wrong_type": "abc",
    "list": ["1", "abc", ""],
    "huge": "9" * 100_000,
    "nul": "a\x00b",
    "overflow": "99999999999999999999999",
}


def our_patterns() -> list[tuple[str, str]]:
    """(namespace:name, route) of every URL of our apps."""
    found = []
    for resolver in get_resolver().url_patterns:
        if isinstance(resolver, URLResolver) and resolver.namespace in APPS:
            for pattern in resolver.url_patterns:
                assert isinstance(pattern, URLPattern)  # no nesting to follow
                found.append(f"{resolver.namespace}:{pattern.name}")
    return sorted(set(found))


def payload(kind: str) -> dict:
    value = BAD_VALUES[kind]
    return {} if value is None else dict.fromkeys(FIELDS, value)


@pytest.fixture
def world(db):
    """One person who may use every view: facilitator, partner manager, learner."""
    person = learner_create(email="tout@example.be", display_name="Tout")
    space = organiser_create(name="EPN de Namur", members=[person])
    session = session_create(space, capacity=5)
    booking = scheduling.booking_create(session=session, name="Tout", user=person)
    desk_booking = scheduling.booking_create(session=session, name="Desk", phone="1")
    partner = partner_create(slug="club", members=[person])
    Membership.objects.filter(organiser=partner.organiser).update(role="manager")
    activity = session_create(partner.organiser, capacity=30)
    card = desk.assisted_account_create(
        organiser=space,
        facilitator=person,
        display_name="Léa",
        explained=NOTICE_POINT_CODES,
    )
    classroom = classes.classroom_create(
        organiser=partner.organiser, created_by=person, name="5e B"
    )
    _added, [(child, _card)] = classes.children_add(
        classroom=classroom, added_by=person, names=["Zoé"], guardian_consent=True
    )
    return {
        "person": person,
        "classes": {"classroom_id": classroom.id, "child_id": child.id},
        "kwargs": {
            "session_id": session.id,
            "booking_uuid": booking.uuid,
            "booking_id": desk_booking.id,
            "organiser_id": space.id,
            "token": calendars.learner_feed_token(person),
            "uuid": booking.uuid,
            "extension": "png",
            "link_key": card.link_key,
            "attempt_uuid": Attempt.objects.create(user=person).uuid,
            "share_key": Attempt.objects.create(user=person, share_key="k").share_key,
            "accompaniment_id": card.card.user.accompaniments.get().id,
        },
        "wallcode": {"session_id": activity.id, "slug": partner.slug},
        "epn": {"slug": "epn-de-namur"},
    }


def with_course(world: dict, course) -> dict:
    """The learner's course, lesson and question: built only for learners' views."""
    enrolment = learners.enrolment_create(user=world["person"], course=course)
    lesson = lessons_of(course)[0]
    world["kwargs"] |= {
        "enrolment_id": enrolment.id,
        "course_id": course.id,
        "lesson_id": lesson.id,
        "question_id": question_ids(lesson)[0],
        # Malformed programs on a real puzzle: tests/learners/test_puzzles.py;
        # malformed reports on a real exercise: tests/learners/test_exercises.py.
        "puzzle_id": "no-such-puzzle",
        "exercise_id": "no-such-exercise",
    }
    return world


def url_of(name: str, world: dict) -> str:
    from django.urls import reverse
    from django.urls.resolvers import RoutePattern

    namespace = name.split(":")[0]
    [pattern] = [
        p
        for r in get_resolver().url_patterns
        if isinstance(r, URLResolver) and r.namespace == namespace
        for p in r.url_patterns
        if f"{namespace}:{p.name}" == name
    ][:1]
    assert isinstance(pattern.pattern, RoutePattern)
    wanted = pattern.pattern.converters.keys()
    values = world["kwargs"] | world.get(namespace, {})
    return reverse(name, kwargs={key: values[key] for key in wanted})


@pytest.mark.parametrize("kind", BAD_VALUES)
@pytest.mark.parametrize("name", our_patterns())
def test_a_malformed_post_never_fails(request, client, world, name, kind):
    if name.startswith(("learners:", "badges:certificate_pdf")):
        world = with_course(world, request.getfixturevalue("course"))
    client.force_login(world["person"])

    response = client.post(url_of(name, world), payload(kind))

    assert response.status_code < 500


@pytest.mark.parametrize("kind", BAD_VALUES)
def test_a_malformed_problem_report_never_fails(client, catalogue, kind):
    statement = information_site_create(catalogue).accessibility_page

    response = client.post(statement.url, payload(kind))

    assert response.status_code < 500


def test_every_view_of_our_apps_is_covered():
    names = our_patterns()

    assert {"scheduling:facilitator_new", "wallcode:group_register"} <= set(names)
    assert {"learners:profile", "badges:backpack", "epn:directory"} <= set(names)
