"""Accompanied learning: a code from the facilitator's screen, typed on the
person's device, marks what they do as accompanied in their statements."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from desk import services
from desk.consent import NOTICE_POINT_CODES
from desk.models import AccompanyCode, OnBehalfAction
from learners import services as learning
from learners import statements as xs
from learners.learning_mode import learning_mode_iri
from scheduling import services as scheduling
from scheduling.statements import ATTENDED
from tests.factories import learner_create, lessons_of, question_ids
from tests.scheduling.factories import organiser_create, session_create
from xapi.models import Statement

pytestmark = pytest.mark.django_db


def code_on_screen(client, facilitator, accompaniment) -> str:
    client.force_login(facilitator)
    page = client.post(reverse("desk:accompany", args=[accompaniment.id]))
    return re.search(r'accompany-code">(\d{6})<', page.content.decode())[1]


def answer_first_question(client, lesson):
    client.post(
        reverse("learners:answer", args=[lesson.id, question_ids(lesson)[0]]),
        {"answer": "0"},
    )


def last_answer() -> dict:
    return Statement.objects.filter(verb_id=xs.ANSWERED).latest("stored").data


def test_what_a_person_does_with_a_facilitator_is_marked_accompanied(
    client, facilitator, lea, course
):
    learning.enrolment_create(user=lea.learner, course=course)
    lesson = lessons_of(course)[0]
    code = code_on_screen(client, facilitator, lea)

    client.force_login(lea.learner)  # the person's own device
    joined = client.post(reverse("desk:accompanied_join"), {"code": code}, follow=True)
    assert "Accompanied session with Anim (EPN de Namur)" in joined.content.decode()
    answer_first_question(client, lesson)

    context = last_answer()["context"]
    assert context["extensions"][learning_mode_iri()] == "accompanied"
    assert context["instructor"]["account"]["name"] == str(facilitator.learner_uid)
    assert "anim@" not in str(context)  # the facilitator by opaque account only
    assert OnBehalfAction.objects.filter(kind="accompanied").count() == 1

    client.post(reverse("learners:accompanied_end"))
    answer_first_question(client, lesson)

    later = last_answer()["context"]
    assert later["extensions"][learning_mode_iri()] == "alone"
    assert "instructor" not in later


def test_alone_is_said_in_every_learning_statement(client, learner, course):
    client.force_login(learner)
    learning.enrolment_create(user=learner, course=course)

    answer_first_question(client, lessons_of(course)[0])

    modes = {
        s.data["context"]["extensions"][learning_mode_iri()]
        for s in Statement.objects.all()
    }
    assert modes == {"alone"}


def test_a_workshop_attended_is_group_learning(namur, learner):
    session = session_create(namur, capacity=5)
    booking = scheduling.booking_create(session=session, name="Jeanne", user=learner)

    scheduling.attendance_set(booking=booking, attended=True)

    attended = Statement.objects.get(verb_id=ATTENDED).data
    assert attended["context"]["extensions"][learning_mode_iri()] == "group"


def test_a_code_works_once_and_for_fifteen_minutes(client, facilitator, lea):
    code = code_on_screen(client, facilitator, lea)
    client.force_login(lea.learner)

    client.post(reverse("desk:accompanied_join"), {"code": code})
    client.post(reverse("learners:accompanied_end"))
    again = client.post(reverse("desk:accompanied_join"), {"code": code})
    assert "does not open an accompanied session" in again.content.decode()

    late = code_on_screen(client, facilitator, lea)
    AccompanyCode.objects.filter(code=late).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    client.force_login(lea.learner)
    expired = client.post(reverse("desk:accompanied_join"), {"code": late})
    assert "does not open an accompanied session" in expired.content.decode()


def test_a_code_opens_nothing_for_another_person(client, facilitator, lea, namur):
    other = services.assisted_account_create(
        organiser=namur,
        facilitator=facilitator,
        display_name="Marc",
        explained=NOTICE_POINT_CODES,
    ).card.user
    code = code_on_screen(client, facilitator, lea)
    client.force_login(other)

    refused = client.post(reverse("desk:accompanied_join"), {"code": code})

    assert "does not open an accompanied session" in refused.content.decode()
    assert not AccompanyCode.objects.filter(used_at__isnull=False).exists()


def test_guessing_codes_is_limited(client, lea):
    client.force_login(lea.learner)
    for n in range(10):
        client.post(reverse("desk:accompanied_join"), {"code": f"{n:06d}"})

    assert (
        client.post(reverse("desk:accompanied_join"), {"code": "123456"}).status_code
        == 429
    )


def test_another_space_cannot_open_an_accompanied_session(client, lea):
    stranger = learner_create(email="anim@epn-mons.be")
    organiser_create(name="EPN de Mons", members=[stranger])
    client.force_login(stranger)

    assert client.post(reverse("desk:accompany", args=[lea.id])).status_code == 404
    assert not AccompanyCode.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_code_is_made_outside_any_transaction_of_the_caller(lea, facilitator):
    # As in a request (no test transaction around): the row lock needs its own.
    code = services.accompany_code_create(accompaniment=lea, facilitator=facilitator)

    assert AccompanyCode.objects.get(id=code.id).accompaniment == lea
