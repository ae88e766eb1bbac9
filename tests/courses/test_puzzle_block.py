"""The block-puzzle lesson block: an editor cannot save a puzzle nobody can solve."""

import json

import pytest
from django.utils import translation
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import PuzzleBlock, grid_parse, grid_text, puzzle_of
from puzzles import check_solution
from puzzles.demo import demo_puzzle_definitions
from tests.factories import program, puzzle

FORWARD = {"type": "maze_move_forward"}


def block_value(**changes):
    raw = puzzle()["value"] | changes
    block = PuzzleBlock()
    return block, block.to_python(raw)


def errors_of(**changes) -> dict:
    block, value = block_value(**changes)
    # The messages in English, as the assertions read them.
    with translation.override("en"):
        with pytest.raises(StructBlockValidationError) as raised:
            block.clean(value)
        return {key: str(error) for key, error in raised.value.block_errors.items()}


def test_a_puzzle_its_solution_solves_is_accepted():
    block, value = block_value()

    cleaned = block.clean(value)

    assert check_solution(puzzle_of(cleaned)).solved


def test_an_unsolvable_puzzle_is_refused_on_the_solution():
    errors = errors_of(solution=json.dumps(program(FORWARD)))

    assert "does not solve" in errors["solution"]


def test_a_solution_over_the_star_target_is_refused_on_the_target():
    errors = errors_of(target_blocks=1)

    assert "target" in errors["target_blocks"]


def test_a_solution_with_a_block_not_offered_is_refused():
    errors = errors_of(offered=["maze_turn"])

    assert "solution" in errors


def test_a_grid_without_start_is_refused_on_the_grid():
    errors = errors_of(grid="..G")

    assert "S" in errors["grid"]


def test_a_solution_that_is_not_json_is_refused():
    assert "JSON" in errors_of(solution="{not json")["solution"]


def test_a_wall_on_the_way_makes_the_corridor_unsolvable():
    errors = errors_of(grid="S#G")

    assert "solution" in errors


def test_grid_text_and_grid_parse_agree_on_every_demo_puzzle():
    for definition in demo_puzzle_definitions():
        parsed = grid_parse(grid_text(definition))

        assert (parsed["width"], parsed["height"]) == (
            definition["width"],
            definition["height"],
        )
        assert sorted(parsed["walls"]) == sorted(definition["walls"])
        assert sorted(parsed["items"]) == sorted(definition["items"])
        assert parsed["goal"] == list(definition["goal"])


@pytest.mark.django_db
def test_the_editor_sees_the_puzzle_fields_in_the_admin(client, course_builder):
    from django.urls import reverse

    from courses.models import CoursePage, ModulePage
    from learners.models import User

    course = course_builder._publish(
        course_builder.catalogue, CoursePage(title="Code", summary="Coder.")
    )
    module = course_builder._publish(course, ModulePage(title="Module"))
    lesson = course_builder.puzzle_lesson(module, title="Puzzles")
    admin = User.objects.create_superuser(email="admin@example.be", password="x")
    client.force_login(admin)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.id]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "maze_repeat_until_goal" in html  # a checkbox of the offered blocks
    assert "S.G" in html  # the grid as text
