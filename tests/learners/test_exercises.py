"""Python exercises: what the browser reports is recorded, hints and the model
solution open as the editor set, progress follows the statements."""

import json
import uuid

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from learners import services
from learners import statements as xs
from learners.models import Enrolment, LessonProgress
from tests.factories import EXERCISE, EXERCISE_SOLUTION
from tests.learners.test_progress import snapshot
from xapi.models import Statement

pytestmark = pytest.mark.django_db

FAIL = [False, True, False]
PASS = [True, True, True]


def exercise_course(course_builder, **changes):
    from courses.models import CoursePage, ModulePage

    course = course_builder._publish(
        course_builder.catalogue, CoursePage(title="Python", summary="Coder.")
    )
    module = course_builder._publish(course, ModulePage(title="Module"))
    course_builder.exercise_lesson(module, title="Bonjour", **changes)
    course_builder.lesson(module, title="Après", questions=0)
    return course


@pytest.fixture
def course(course_builder):
    return exercise_course(course_builder)


@pytest.fixture
def lesson(course):
    from courses.models import LessonPage

    return LessonPage.objects.descendant_of(course).get(title="Bonjour")


@pytest.fixture
def exercise_id(lesson):
    return next(iter(lesson.exercises))


@pytest.fixture
def enrolled(client, learner, course):
    services.enrolment_create(user=learner, course=course)
    client.force_login(learner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return learner


def report(client, lesson, exercise_id, body):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(
        reverse("learners:exercise_report", args=[lesson.id, exercise_id]),
        data=data,
        content_type="application/json",
    )


def exercise_statements(verb=None):
    statements = [s.data for s in Statement.objects.order_by("stored")]
    found = [s for s in statements if "/exercises/" in s["object"]["id"]]
    return [s for s in found if verb is None or s["verb"]["id"] == verb]


def record_of(learner, lesson, exercise_id):
    progress = LessonProgress.objects.get(enrolment__user=learner, lesson=lesson)
    return progress.answers[exercise_id]


def test_a_failed_run_is_answered_with_the_code_and_failed_with_the_score(
    client, enrolled, lesson, exercise_id
):
    response = report(client, lesson, exercise_id, {"code": "x = 1", "passed": FAIL})

    assert response.status_code == 200
    assert response.json()["success"] is False
    [answered] = exercise_statements(xs.ANSWERED)
    [failed] = exercise_statements(xs.FAILED)
    assert answered["result"]["response"] == "x = 1"
    assert answered["result"]["score"] == {"raw": 1, "min": 0, "max": 3}
    assert failed["result"]["success"] is False
    assert answered["object"]["id"].endswith(
        f"/lessons/{lesson.id}/exercises/{exercise_id}"
    )
    record = record_of(enrolled, lesson, exercise_id)
    assert (record["runs"], record["failed_runs"], record["best"]) == (1, 1, 1)
    assert record["success"] is False


def test_a_pass_of_a_counted_exercise_completes_the_lesson(
    client, enrolled, lesson, exercise_id
):
    response = report(
        client, lesson, exercise_id, {"code": EXERCISE_SOLUTION, "passed": PASS}
    )

    data = response.json()
    assert data == {**data, "success": True, "lesson_completed": True}
    assert len(exercise_statements(xs.PASSED)) == 1
    assert Enrolment.objects.get(user=enrolled).lessons_completed == 1


def test_a_pass_of_an_uncounted_exercise_leaves_the_lesson_to_the_learner(
    client, learner, course_builder
):
    course = exercise_course(course_builder, counts=False)
    services.enrolment_create(user=learner, course=course)
    client.force_login(learner)
    from courses.models import LessonPage

    lesson = LessonPage.objects.descendant_of(course).get(title="Bonjour")
    exercise_id = next(iter(lesson.exercises))

    data = report(client, lesson, exercise_id, {"code": "", "passed": PASS}).json()

    assert data["success"] is True
    assert data["lesson_completed"] is False
    assert Enrolment.objects.get(user=learner).lessons_completed == 0
    assert lesson.checked_parts == []  # "I have finished" is not refused for it


def test_a_run_stopped_after_the_time_limit_is_a_failed_run(
    client, enrolled, lesson, exercise_id
):
    body = {"code": "while True: pass", "passed": [], "timed_out": True}

    assert report(client, lesson, exercise_id, body).json()["success"] is False

    [answered] = exercise_statements(xs.ANSWERED)
    assert answered["result"]["extensions"] == {xs.TIMED_OUT_EXTENSION: True}
    assert answered["result"]["score"]["raw"] == 0
    assert record_of(enrolled, lesson, exercise_id)["failed_runs"] == 1


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "[]",
        {"passed": PASS},  # no code
        {"code": "", "passed": [True, True]},  # one result short
        {"code": "", "passed": [True, True, True, True]},
        {"code": "", "passed": ["yes", True, True]},
        {"code": "", "passed": PASS, "timed_out": "no"},
        {"code": "x" * 70_000, "passed": PASS},
    ],
)
def test_a_report_that_is_not_one_of_this_exercise_is_refused_and_not_recorded(
    client, enrolled, lesson, exercise_id, body
):
    response = report(client, lesson, exercise_id, body)

    assert response.status_code == 400
    assert "Reload the page" in response.json()["error"]["message"]
    assert exercise_statements() == []


def test_reports_need_an_enrolled_learner_and_an_existing_exercise(
    client, learner, lesson, exercise_id
):
    body = {"code": "", "passed": PASS}
    assert report(client, lesson, exercise_id, body).status_code == 403  # anonymous
    client.force_login(learner)
    assert report(client, lesson, exercise_id, body).status_code == 403  # not enrolled
    services.enrolment_create(user=learner, course=lesson.course)
    assert report(client, lesson, "nope", body).status_code == 404
    assert exercise_statements() == []


def test_the_model_solution_is_not_in_the_page_until_enough_failed_runs(
    client, enrolled, lesson, exercise_id
):
    assert "Bonjour &quot; + nom" not in client.get(lesson.url).content.decode()
    for _ in range(EXERCISE["solution_after"] - 1):
        data = report(client, lesson, exercise_id, {"code": "", "passed": FAIL}).json()
        assert "A model solution" not in data["help_html"]

    data = report(client, lesson, exercise_id, {"code": "", "passed": FAIL}).json()

    assert "A model solution" in data["help_html"]
    assert "Bonjour &quot; + nom" in client.get(lesson.url).content.decode()


def test_giving_up_shows_the_solution_and_is_recorded_once(
    client, enrolled, lesson, exercise_id
):
    url = reverse("learners:exercise_solution", args=[lesson.id, exercise_id])

    response = client.post(url)
    client.post(url)

    assert response.status_code == 302
    assert response["Location"].endswith(f"#exercise-{exercise_id}-solution")
    [shown] = exercise_statements(xs.INTERACTED)
    assert shown["result"]["extensions"] == {xs.SOLUTION_SHOWN_EXTENSION: True}
    assert "Bonjour &quot; + nom" in client.get(lesson.url).content.decode()


def test_hints_open_one_at_a_time_and_no_further_than_the_last(
    client, enrolled, lesson, exercise_id
):
    url = reverse("learners:exercise_hint", args=[lesson.id, exercise_id])
    page = client.get(lesson.url).content.decode()
    assert EXERCISE["hints"][0] not in page

    answer = client.post(url, headers={"Accept": "application/json"}).json()

    assert EXERCISE["hints"][0] in answer["help_html"]
    assert EXERCISE["hints"][1] not in answer["help_html"]
    for _ in range(4):
        client.post(url)  # without JavaScript: a form and a redirect
    page = client.get(lesson.url).content.decode()
    assert all(hint in page for hint in ["Une fonction renvoie", "Colle les"])
    assert "Show another hint" not in page
    hints = [
        s["result"]["extensions"][xs.HINT_EXTENSION]
        for s in exercise_statements(xs.INTERACTED)
    ]
    assert hints == [1, 2, 3]


def test_the_page_shows_visible_tests_not_hidden_ones_and_the_last_code(
    client, enrolled, lesson, exercise_id
):
    report(client, lesson, exercise_id, {"code": "print('mon code')", "passed": FAIL})

    html = client.get(lesson.url).content.decode()

    assert "saluer(&quot;Léa&quot;) renvoie" in html
    assert "un nom vide" not in html  # a hidden test's description
    assert "And 1 hidden test" in html
    assert "print(&#x27;mon code&#x27;)</textarea>" in html
    assert "exercise.js" in html
    assert "pyodide" not in html.split("<body")[0]  # loaded on the first run only


def test_rebuild_progress_gives_back_the_exercise_progress(
    client, enrolled, lesson, exercise_id
):
    hint = reverse("learners:exercise_hint", args=[lesson.id, exercise_id])
    report(client, lesson, exercise_id, {"code": "a", "passed": FAIL})
    client.post(hint)
    report(client, lesson, exercise_id, {"code": "b", "passed": [], "timed_out": True})
    report(client, lesson, exercise_id, {"code": EXERCISE_SOLUTION, "passed": PASS})
    live = snapshot()
    before = record_of(enrolled, lesson, exercise_id)

    LessonProgress.objects.all().delete()
    call_command("rebuild_progress")

    assert snapshot() == live
    assert record_of(enrolled, lesson, exercise_id) == before
    assert (before["hints"], before["failed_runs"]) == (1, 2)


def test_an_editors_preview_shows_every_hint_and_the_solution_and_can_run(
    lesson, rf, admin_user
):
    request = rf.get("/")
    request.user = admin_user

    response = lesson.make_preview_request(request)

    html = response.content.decode()
    assert all(hint.replace('"', "&quot;") in html for hint in EXERCISE["hints"])
    assert "Bonjour &quot; + nom" in html
    assert 'data-action="run"' in html
    assert "data-report-url" not in html  # an editor's runs are not recorded


def test_a_hint_asked_twice_by_a_double_click_opens_once(
    client, enrolled, lesson, exercise_id
):
    url = reverse("learners:exercise_hint", args=[lesson.id, exercise_id])
    page = client.get(lesson.url).content.decode()
    assert 'name="hint" value="1"' in page  # the form says which hint it asks

    for _ in range(2):
        client.post(url, {"hint": "1"}, headers={"Accept": "application/json"})
    page = client.get(lesson.url).content.decode()

    assert EXERCISE["hints"][0] in page
    assert EXERCISE["hints"][1] not in page
    assert 'name="hint" value="2"' in page
    hints = [
        s["result"]["extensions"][xs.HINT_EXTENSION]
        for s in exercise_statements(xs.INTERACTED)
    ]
    assert hints == [1]


def test_a_run_reported_twice_is_recorded_once(client, enrolled, lesson, exercise_id):
    run = {"code": "x = 1", "passed": FAIL, "run_id": str(uuid.uuid4())}

    first = report(client, lesson, exercise_id, run)
    again = report(client, lesson, exercise_id, run)
    other = report(client, lesson, exercise_id, {**run, "run_id": str(uuid.uuid4())})

    assert [r.status_code for r in (first, again, other)] == [200, 200, 200]
    assert again.json()["success"] is False
    assert len(exercise_statements(xs.ANSWERED)) == 2
    assert len(exercise_statements(xs.FAILED)) == 2
    record = record_of(enrolled, lesson, exercise_id)
    assert (record["runs"], record["failed_runs"]) == (2, 2)


def test_another_learner_reporting_the_same_run_id_records_their_own_run(
    client, enrolled, other_learner, course, lesson, exercise_id
):
    run = {"code": "x = 1", "passed": PASS, "run_id": str(uuid.uuid4())}
    report(client, lesson, exercise_id, run)
    services.enrolment_create(user=other_learner, course=course)
    client.force_login(other_learner)

    response = report(client, lesson, exercise_id, run)

    assert response.json()["success"] is True
    assert record_of(other_learner, lesson, exercise_id)["runs"] == 1
    assert len(exercise_statements(xs.PASSED)) == 2
