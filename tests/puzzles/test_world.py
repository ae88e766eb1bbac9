"""Puzzle definitions: what an editor can publish, and what is refused."""

import ast
import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from puzzles import PuzzleError, check_solution, puzzle_from_dict
from puzzles.demo import demo_puzzle_definitions
from puzzles.world import Direction
from tests.puzzles.blockly import move, program, right, turn


@pytest.fixture
def corner():
    """The demo's "Le virage": a 3 x 3 L-shaped path, up then right."""
    return copy.deepcopy(demo_puzzle_definitions()[1])


def test_a_definition_is_parsed_into_an_immutable_puzzle(corner):
    puzzle = puzzle_from_dict(corner)

    assert (puzzle.width, puzzle.height) == (3, 3)
    assert puzzle.walls == {(1, 1), (2, 1), (1, 2), (2, 2)}
    assert (puzzle.start.x, puzzle.start.y) == (0, 2)
    assert puzzle.start.direction is Direction.NORTH
    assert puzzle.goal == (2, 0)
    assert puzzle.blocks == ("maze_move_forward", "maze_turn")
    assert puzzle.solution.block_count == 5
    assert (puzzle.max_blocks, puzzle.target_blocks) == (8, 5)
    assert puzzle.title == "Le virage"
    with pytest.raises(AttributeError):
        puzzle.width = 4  # type: ignore[misc]
    assert hash(puzzle) == hash(puzzle_from_dict(corner))


def test_optional_keys_have_defaults(corner):
    for key in ("walls", "items", "max_blocks", "target_blocks", "title", "hint"):
        corner.pop(key)
    corner.pop("success")
    corner["walls"] = []

    puzzle = puzzle_from_dict(corner)

    assert puzzle.items == ()
    assert puzzle.max_blocks is None
    assert puzzle.target_blocks is None
    assert puzzle.title == ""


def test_the_solution_may_be_given_as_json_text(corner):

    corner["solution"] = json.dumps(corner["solution"])

    assert puzzle_from_dict(corner).solution.block_count == 5


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"start": {"x": 1, "y": 1, "direction": "north"}}, "start_on_wall", "start"),
        ({"goal": [1, 2]}, "goal_on_wall", "goal"),
        ({"goal": [3, 0]}, "outside_grid", "goal"),
        ({"goal": [0, -1]}, "outside_grid", "goal"),
        ({"start": {"x": 0, "y": 3, "direction": "north"}}, "outside_grid", "start"),
        ({"walls": [[1, 1], [5, 5]]}, "outside_grid", "walls"),
        ({"items": [[2, 2]]}, "item_on_wall", "items"),
        ({"items": [[0, 0], [0, 0]]}, "duplicate_cell", "items"),
        ({"walls": [[1, 1], [1, 1]]}, "duplicate_cell", "walls"),
        ({"walls": [[1, 1, 1]]}, "invalid_type", "walls"),
        ({"walls": [["1", 1]]}, "invalid_type", "walls"),
        ({"walls": "none"}, "invalid_type", "walls"),
        ({"goal": [True, 0]}, "invalid_type", "goal"),
        ({"goal": [0, 2]}, "goal_on_start", "goal"),
        ({"start": {"x": 0, "y": 2, "direction": "up"}}, "invalid_direction", "start"),
        ({"start": {"x": 0, "y": 2}}, "invalid_direction", "start"),
        ({"start": [0, 2]}, "invalid_type", "start"),
        ({"width": 0}, "invalid_size", "width"),
        ({"width": 13}, "invalid_size", "width"),
        ({"height": "3"}, "invalid_size", "height"),
        ({"height": True}, "invalid_size", "height"),
        (
            {"blocks": ["maze_move_forward", "maze_jump"]},
            "unknown_block_type",
            "blocks",
        ),
        ({"blocks": ["maze_turn", "maze_turn"]}, "duplicate_block_type", "blocks"),
        ({"blocks": []}, "no_blocks", "blocks"),
        ({"blocks": "maze_turn"}, "invalid_type", "blocks"),
        ({"max_blocks": 0}, "invalid_limit", "max_blocks"),
        ({"max_blocks": 201}, "invalid_limit", "max_blocks"),
        ({"target_blocks": 9}, "invalid_limit", "target_blocks"),
        ({"target_blocks": 2.5}, "invalid_limit", "target_blocks"),
        ({"title": "x" * 1001}, "text_too_long", "title"),
        ({"hint": ["x"]}, "invalid_type", "hint"),
        ({"target_block": 5}, "unknown_field", "target_block"),
        ({"blocks": ["maze_move_forward"]}, "solution_invalid", "solution"),
        ({"solution": "{"}, "solution_invalid", "solution"),
        ({"solution": {}}, "solution_invalid", "solution"),
    ],
)
def test_an_invalid_definition_is_refused_with_a_code_and_field(
    corner, change, code, field
):
    corner.update(change)

    with pytest.raises(PuzzleError) as caught:
        puzzle_from_dict(corner)

    assert caught.value.code == code
    assert caught.value.field == field
    assert caught.value.message


@pytest.mark.parametrize(
    "key", ["width", "height", "start", "goal", "blocks", "solution"]
)
def test_a_required_key_is_required(corner, key):
    del corner[key]

    with pytest.raises(PuzzleError) as caught:
        puzzle_from_dict(corner)

    assert (caught.value.code, caught.value.field) == ("missing_field", key)


def test_a_definition_must_be_an_object():
    with pytest.raises(PuzzleError) as caught:
        puzzle_from_dict([1, 2])  # type: ignore[arg-type]

    assert caught.value.code == "not_an_object"


def test_a_long_list_of_walls_is_refused_without_reading_it_all(corner):
    corner["walls"] = [[1, 1]] * 1_000_000

    with pytest.raises(PuzzleError) as caught:
        puzzle_from_dict(corner)

    assert caught.value.code == "duplicate_cell"


def test_check_solution_refuses_a_solution_that_does_not_solve(corner):
    corner["solution"] = program(move(), move(), right(), move())

    with pytest.raises(PuzzleError) as caught:
        check_solution(puzzle_from_dict(corner))

    assert (caught.value.code, caught.value.field) == ("solution_fails", "solution")
    assert "not_at_goal" in caught.value.message


def test_check_solution_refuses_a_solution_that_hits_a_wall(corner):
    corner["solution"] = program(turn("right"), move())

    with pytest.raises(PuzzleError) as caught:
        check_solution(puzzle_from_dict(corner))

    assert caught.value.code == "solution_fails"
    assert "hit_wall" in caught.value.message


def test_check_solution_refuses_a_solution_over_the_block_limit(corner):
    corner["solution"] = program(
        *[right()] * 4, move(), move(), right(), move(), move()
    )

    with pytest.raises(PuzzleError) as caught:
        check_solution(puzzle_from_dict(corner))

    assert caught.value.code == "solution_fails"
    assert "too_many_blocks" in caught.value.message


def test_check_solution_refuses_a_star_the_solution_does_not_earn(corner):
    corner["solution"] = program(
        right(), turn("left"), move(), move(), right(), move(), move()
    )

    with pytest.raises(PuzzleError) as caught:
        check_solution(puzzle_from_dict(corner))

    assert (caught.value.code, caught.value.field) == (
        "solution_no_star",
        "target_blocks",
    )


def test_check_solution_accepts_a_longer_solution_when_there_is_no_target(corner):
    corner["target_blocks"] = None
    corner["solution"] = program(
        right(), turn("left"), move(), move(), right(), move(), move()
    )

    outcome = check_solution(puzzle_from_dict(corner))

    assert outcome.solved
    assert not outcome.star


def test_the_puzzle_package_imports_no_django():
    """The interpreter stays pure Python: importing it loads no Django module."""
    root = Path(__file__).resolve().parents[2]
    code = (
        "import sys, puzzles, puzzles.demo\n"
        "puzzles.check_solution(puzzles.demo.demo_puzzles()[0])\n"
        "loaded = [m for m in sys.modules if m.partition('.')[0] == 'django']\n"
        "assert not loaded, loaded\n"
    )

    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)


def test_every_error_code_raised_is_listed_for_translation():
    """The course blocks translate codes from these lists: none may be missing."""

    from puzzles.program import PROGRAM_ERROR_CODES
    from puzzles.world import PUZZLE_ERROR_CODES

    raised: dict[str, set[str]] = {"PuzzleError": set(), "ProgramError": set()}
    for path in (Path(__file__).resolve().parents[2] / "puzzles").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in raised
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                raised[node.func.id].add(node.args[0].value)

    assert raised["PuzzleError"] == PUZZLE_ERROR_CODES
    assert raised["ProgramError"] == PROGRAM_ERROR_CODES
