"""The Python course's data file: its shape, and exercises whose tests hold.

Each test's code runs after the learner's program, in the program's namespace,
with ``output`` holding what the program printed; a test passes when it raises
nothing. Here the program is our own model solution or starter code (authored
content, so ``exec`` is fine): every solution passes every test, and every
starter code fails at least one.
"""

import contextlib
import io
import json
from pathlib import Path

import pytest

from courses.demo_content import DATA, demo_illustrations

COURSE_PATH = DATA / "demo_python_course.json"
TOPICS = ["print", "variables", "conditions", "loops", "functions", "lists"]
COURSE_KEYS = {
    "title",
    "slug",
    "summary",
    "audience",
    "level",
    "estimated_duration",
    "competences",
    "prerequisites",
    "cover_colours",
    "cover_subject",
    "modules",
}
EXERCISE_KEYS = {
    "title",
    "statement",
    "starter_code",
    "tests",
    "hints",
    "solution",
    "solution_after",
    "counts",
}


def course() -> dict:
    return json.loads(Path(COURSE_PATH).read_text(encoding="utf-8"))


def lessons() -> list[dict]:
    return [lesson for module in course()["modules"] for lesson in module["lessons"]]


def exercises() -> list[dict]:
    return [lesson["exercise"] for lesson in lessons()]


def run_tests(program: str, tests: list[str]) -> list[bool]:
    """Which tests pass, run one after the other after one run of the program."""
    namespace: dict = {"__name__": "__main__"}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        try:
            exec(program, namespace)
        except Exception:  # a program that fails fails every test
            return [False] * len(tests)
        namespace["output"] = printed.getvalue()
        return [_passes(code, namespace) for code in tests]


def _passes(code: str, namespace: dict) -> bool:
    try:
        exec(code, namespace)
    except Exception:  # any error fails the test, as it would for a learner
        return False
    return True


def run_test(program: str, test_code: str) -> bool:
    """Whether the test passes after the program, run afresh with its output."""
    return run_tests(program, [test_code])[0]


def test_the_course_has_the_fields_of_the_other_demo_courses():
    data = course()

    assert set(data) == COURSE_KEYS
    assert data["title"] == "Premiers pas en Python"
    assert data["slug"] == "premiers-pas-en-python"
    assert data["competences"] == ["3.4"]
    assert data["cover_subject"] in demo_illustrations()
    assert len(data["cover_colours"]) == 3
    assert len(data["modules"]) == 2
    assert len(lessons()) >= len(TOPICS)


def test_every_lesson_has_an_intro_and_one_exercise_of_the_agreed_shape():
    slugs = [lesson["slug"] for lesson in lessons()]

    assert len(set(slugs)) == len(slugs)
    for lesson in lessons():
        assert lesson["intro"].strip(), lesson["slug"]
        exercise = lesson["exercise"]
        assert set(exercise) == EXERCISE_KEYS, lesson["slug"]
        assert exercise["solution_after"] == 3
        assert exercise["counts"] is True
        assert 2 <= len(exercise["hints"]) <= 3
        tests = exercise["tests"]
        assert all(set(test) == {"description", "code", "hidden"} for test in tests)
        assert sum(not test["hidden"] for test in tests) >= 2, lesson["slug"]
        assert sum(test["hidden"] for test in tests) >= 1, lesson["slug"]


def test_the_exercises_use_no_input():
    for exercise in exercises():
        for code in (exercise["starter_code"], exercise["solution"]):
            assert "input(" not in code


@pytest.mark.parametrize(
    "exercise", exercises(), ids=[lesson["slug"] for lesson in lessons()]
)
def test_the_model_solution_passes_every_test(exercise):
    for test in exercise["tests"]:
        assert run_test(exercise["solution"], test["code"]), test["description"]


@pytest.mark.parametrize(
    "exercise", exercises(), ids=[lesson["slug"] for lesson in lessons()]
)
def test_the_tests_also_pass_in_turn_in_one_namespace(exercise):
    codes = [test["code"] for test in exercise["tests"]]

    assert all(run_tests(exercise["solution"], codes))


@pytest.mark.parametrize(
    "exercise", exercises(), ids=[lesson["slug"] for lesson in lessons()]
)
def test_the_starter_code_fails_at_least_one_test(exercise):
    results = [run_test(exercise["starter_code"], t["code"]) for t in exercise["tests"]]

    assert not all(results)


@pytest.mark.parametrize(
    "lesson", lessons(), ids=[lesson["slug"] for lesson in lessons()]
)
def test_the_example_and_the_starter_code_run_without_error(lesson):
    for program in (lesson["example"], lesson["exercise"]["starter_code"]):
        assert run_test(program, "")


def test_the_lessons_follow_the_topics_in_order():
    keywords = ["print(", " = ", "if ", "for ", "def ", "["]

    for lesson, keyword in zip(lessons(), keywords, strict=False):
        assert keyword in lesson["example"], lesson["slug"]
