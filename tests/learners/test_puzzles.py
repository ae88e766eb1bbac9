"""Block puzzles run on the server: the verdict, the statements and progress."""

import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from learners import services
from learners import statements as xs
from learners.models import Enrolment, LessonProgress
from tests.factories import program
from tests.learners.test_progress import snapshot
from xapi.models import Statement

pytestmark = pytest.mark.django_db

FORWARD = {"type": "maze_move_forward"}
RIGHT = {"type": "maze_turn", "fields": {"DIR": "right"}}


@pytest.fixture
def puzzle_course(course_builder):
    """A course of one module: a lesson of two puzzles, then a plain lesson."""
    from courses.models import CoursePage, ModulePage

    course = course_builder._publish(
        course_builder.catalogue, CoursePage(title="Code", summary="Coder.")
    )
    module = course_builder._publish(course, ModulePage(title="Module"))
    course_builder.puzzle_lesson(module, title="Puzzles", puzzles=2)
    course_builder.lesson(module, title="Après", questions=0)
    return course


@pytest.fixture
def lesson(puzzle_course):
    from courses.models import LessonPage

    return LessonPage.objects.descendant_of(puzzle_course).get(title="Puzzles")


@pytest.fixture
def enrolled(client, learner, puzzle_course):
    services.enrolment_create(user=learner, course=puzzle_course)
    client.force_login(learner)
    return learner


def run(client, lesson, puzzle_id, body):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(
        reverse("learners:puzzle_run", args=[lesson.id, puzzle_id]),
        data=data,
        content_type="application/json",
    )


def puzzle_statements(verb=None):
    statements = [s.data for s in Statement.objects.order_by("stored")]
    puzzles = [s for s in statements if "/puzzles/" in s["object"]["id"]]
    return [s for s in puzzles if verb is None or s["verb"]["id"] == verb]


def progress_of(learner, lesson):
    return LessonProgress.objects.get(enrolment__user=learner, lesson=lesson)


def test_a_solving_program_is_answered_and_passed_with_the_replay(
    client, enrolled, lesson
):
    first = next(iter(lesson.puzzles))

    response = run(client, lesson, first, program(FORWARD, FORWARD))

    data = response.json()
    assert response.status_code == 200
    assert data["solved"]
    assert data["star"]
    assert data["blocks"] == 2
    assert [(s["x"], s["y"]) for s in data["steps"]] == [(0, 0), (1, 0), (2, 0)]
    assert data["success"] == "Bravo, le robot est arrivé !"
    answered = puzzle_statements(xs.ANSWERED)
    assert len(answered) == 1
    result = answered[0]["result"]
    assert result["success"] is True
    assert result["score"]["raw"] == 2
    assert json.loads(result["response"]) == program(FORWARD, FORWARD)
    assert result["extensions"][xs.STAR_EXTENSION] is True
    assert len(puzzle_statements(xs.PASSED)) == 1
    assert progress_of(enrolled, lesson).answers[first]["success"] is True


def test_a_failing_program_gets_the_reason_and_a_failure(client, enrolled, lesson):
    first = next(iter(lesson.puzzles))

    data = run(client, lesson, first, program(RIGHT, FORWARD)).json()

    assert not data["solved"]
    assert data["reason"] == "left_grid"
    assert data["message"]
    assert puzzle_statements(xs.PASSED) == []
    assert puzzle_statements(xs.ANSWERED)[0]["result"]["success"] is False
    [failed] = puzzle_statements(xs.FAILED)
    assert failed["result"]["score"]["raw"] == 2  # the blocks of the program
    assert progress_of(enrolled, lesson).answers[first]["success"] is False


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        {"blocks": {"languageVersion": 0, "blocks": []}},
        program({"type": "maze_collect"}),  # not offered by this puzzle
        program({"type": "python_exec"}),
        "[" * 100_000,
        json.dumps(program(FORWARD)).encode() + b"\xff",
    ],
)
def test_a_malformed_program_gets_a_400_with_a_message_and_only_an_attempt(
    client, enrolled, lesson, body
):
    first = next(iter(lesson.puzzles))

    response = run(client, lesson, first, body)

    assert response.status_code == 400
    assert response.json()["error"]["message"]
    assert puzzle_statements(xs.ANSWERED) == []
    assert len(puzzle_statements(xs.ATTEMPTED)) <= 1


def test_a_huge_program_is_refused_before_it_is_read(client, enrolled, lesson):
    first = next(iter(lesson.puzzles))

    response = run(client, lesson, first, '{"x": "' + "a" * 200_000 + '"}')

    assert response.status_code == 400
    assert puzzle_statements() == []


def test_a_learner_not_enrolled_gets_403_and_nothing_is_recorded(
    client, learner, lesson
):
    client.force_login(learner)

    response = run(client, lesson, next(iter(lesson.puzzles)), program(FORWARD))

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_enrolled"
    assert puzzle_statements() == []


def test_a_visitor_is_refused(client, lesson):
    response = run(client, lesson, next(iter(lesson.puzzles)), program(FORWARD))

    assert response.status_code == 403


def test_an_unknown_puzzle_or_lesson_is_404(client, enrolled, lesson):
    assert run(client, lesson, "nope", program(FORWARD)).status_code == 404
    url = reverse("learners:puzzle_run", args=[999_999, "nope"])
    response = client.post(url, data="{}", content_type="application/json")
    assert response.status_code == 404


def test_the_run_needs_csrf(enrolled, lesson):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(enrolled)
    url = reverse("learners:puzzle_run", args=[lesson.id, next(iter(lesson.puzzles))])

    response = strict.post(url, data="{}", content_type="application/json")

    assert response.status_code == 403


def test_a_lesson_of_puzzles_is_done_only_once_they_are_solved(
    client, enrolled, lesson
):
    first, second = lesson.puzzles

    run(client, lesson, first, program(FORWARD, FORWARD))
    assert not services.lesson_complete(user=enrolled, lesson=lesson).passed

    run(client, lesson, second, program(RIGHT, FORWARD))  # off the grid
    assert not services.lesson_complete(user=enrolled, lesson=lesson).passed
    assert not progress_of(enrolled, lesson).completed_at

    data = run(client, lesson, second, program(FORWARD, FORWARD)).json()

    # Solving the last puzzle finishes a lesson of puzzles, no button to press.
    assert data["lesson_completed"] is True
    assert progress_of(enrolled, lesson).completed_at
    assert Enrolment.objects.get(user=enrolled).lessons_completed == 1


def test_a_solved_puzzle_stays_solved_after_a_failed_try(client, enrolled, lesson):
    first = next(iter(lesson.puzzles))

    run(client, lesson, first, program(FORWARD, FORWARD))
    run(client, lesson, first, program(FORWARD))

    record = progress_of(enrolled, lesson).answers[first]
    assert record == {"puzzle": True, "success": True, "star": True, "blocks": 2}


def test_rebuild_progress_gives_back_the_puzzle_progress(client, enrolled, lesson):
    first, second = lesson.puzzles
    run(client, lesson, first, program(RIGHT))
    run(client, lesson, first, program(FORWARD, FORWARD))
    run(client, lesson, second, "{bad")
    run(client, lesson, second, program(FORWARD, FORWARD))  # completes the lesson
    live = snapshot()
    assert Enrolment.objects.get(user=enrolled).lessons_completed == 1

    LessonProgress.objects.all().delete()
    call_command("rebuild_progress")

    assert snapshot() == live


def test_the_lesson_page_shows_the_grid_its_description_and_loads_blockly(
    client, enrolled, lesson
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(lesson.url)

    html = response.content.decode()
    assert html.count('class="puzzle"') == 2
    assert "blockly_compressed.js" in html
    assert "A grid of 3 columns and 1 row." in html
    # The robot stands on its start cell, facing right, before any script runs.
    assert 'data-robot transform="translate(24 24) rotate(90)"' in html
    assert "needs JavaScript" in html
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_a_lesson_without_puzzle_loads_no_blockly(client, enrolled, puzzle_course):
    from courses.models import LessonPage

    other = LessonPage.objects.descendant_of(puzzle_course).get(title="Après")

    response = client.get(other.url)

    assert "blockly" not in response.content.decode()
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_opening_the_hint_is_recorded_for_the_learner_only(client, enrolled, lesson):
    first = next(iter(lesson.puzzles))
    url = reverse("learners:puzzle_hint", args=[lesson.id, first])

    response = client.post(url)

    assert response.status_code == 204
    [opened] = puzzle_statements(xs.INTERACTED)
    assert opened["result"]["extensions"] == {xs.HINT_EXTENSION: 1}
    assert opened["object"]["id"].endswith(f"/puzzles/{first}")
    client.logout()
    assert client.post(url).status_code == 403
    assert len(puzzle_statements(xs.INTERACTED)) == 1


def test_a_hint_that_does_not_exist_cannot_be_opened(client, enrolled, lesson):
    url = reverse("learners:puzzle_hint", args=[lesson.id, "nope"])

    assert client.post(url).status_code == 404
    assert puzzle_statements() == []
