"""The Python exercise block: an editor cannot save Python that cannot be read.

The code is parsed, never run, on the server.
"""

import pytest
from django.utils import translation
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import ExerciseBlock
from tests.factories import EXERCISE, exercise


def block_value(**changes):
    block = ExerciseBlock()
    return block, block.to_python(exercise(**changes)["value"])


def errors_of(**changes) -> dict:
    block, value = block_value(**changes)
    with translation.override("en"):
        with pytest.raises(StructBlockValidationError) as raised:
            block.clean(value)
        return {key: str(error) for key, error in raised.value.block_errors.items()}


def test_an_exercise_of_readable_python_is_accepted():
    block, value = block_value()

    cleaned = block.clean(value)

    assert [test["hidden"] for test in cleaned["tests"]] == [False, False, True]
    assert list(cleaned["hints"]) == EXERCISE["hints"]


def test_a_solution_python_cannot_read_is_refused_with_its_line():
    errors = errors_of(solution="def saluer(nom):\n    return 'Bonjour' +\n")

    assert list(errors) == ["solution"]
    assert "line 2" in errors["solution"]


def test_a_test_python_cannot_read_is_refused_with_its_number():
    tests = [*EXERCISE["tests"], {"description": "oups", "code": "assert ("}]

    errors = errors_of(tests=tests)

    assert list(errors) == ["tests"]
    assert "Test 4: Python cannot read line 1" in errors["tests"]


def test_starter_code_python_cannot_read_is_refused():
    assert list(errors_of(starter_code="def f(:\n")) == ["starter_code"]


def test_an_exercise_without_tests_is_refused():
    block, value = block_value(tests=[])

    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(value)

    assert "tests" in raised.value.block_errors
