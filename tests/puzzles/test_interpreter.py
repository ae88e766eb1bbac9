"""Running programs on puzzles: the demo course's solutions, failures, bounds, stars."""

import copy
import json

import pytest

from puzzles import (
    MAX_DEPTH,
    MAX_STEPS,
    ProgramError,
    Reason,
    check_solution,
    puzzle_from_dict,
    run,
    verify,
)
from puzzles.demo import demo_puzzle_definitions, demo_puzzles
from puzzles.interpreter import Action
from puzzles.program import BLOCK_TYPES
from puzzles.world import Direction
from tests.puzzles.blockly import (
    collect,
    if_,
    if_else,
    left,
    move,
    program,
    repeat,
    right,
    turn,
    until_goal,
)

DEMO = {puzzle.title: puzzle for puzzle in demo_puzzles()}


@pytest.fixture
def playground():
    """An open 12 x 12 grid offering every block, with no limit of blocks."""
    return puzzle_from_dict(
        {
            "width": 12,
            "height": 12,
            "start": {"x": 0, "y": 0, "direction": "east"},
            "goal": [11, 11],
            "blocks": sorted(BLOCK_TYPES),
            "solution": program(repeat(11, move()), right(), repeat(11, move())),
        }
    )


def test_the_demo_course_has_eight_puzzles_with_french_texts():
    definitions = demo_puzzle_definitions()

    assert [d["title"] for d in definitions] == [
        "Tout droit",
        "Le virage",
        "L'escalier",
        "Les pièces",
        "Le chemin en U",
        "Avancer ou tourner",
        "La spirale",
        "Le grand parcours",
    ]
    assert all(d["hint"] and d["success"] for d in definitions)


@pytest.mark.parametrize("puzzle", demo_puzzles(), ids=lambda puzzle: puzzle.title)
def test_each_demo_reference_solution_solves_its_puzzle_with_a_star(puzzle):
    outcome = check_solution(puzzle)

    assert outcome.solved
    assert outcome.reason is Reason.SOLVED
    assert outcome.star
    assert outcome.blocks == puzzle.target_blocks
    last = outcome.steps[-1]
    assert (last.x, last.y) == puzzle.goal
    assert last.collected == len(puzzle.items)


def test_the_last_demo_puzzle_combines_every_block():
    assert set(demo_puzzles()[-1].blocks) == BLOCK_TYPES


def test_the_replay_lists_every_state_from_the_start():
    outcome = check_solution(DEMO["Le virage"])

    assert [(s.x, s.y, s.direction, s.action) for s in outcome.steps] == [
        (0, 2, Direction.NORTH, Action.START),
        (0, 1, Direction.NORTH, Action.MOVE),
        (0, 0, Direction.NORTH, Action.MOVE),
        (0, 0, Direction.EAST, Action.TURN),
        (1, 0, Direction.EAST, Action.MOVE),
        (2, 0, Direction.EAST, Action.MOVE),
    ]
    assert outcome.actions == 5
    assert outcome.ticks == 5


def test_the_outcome_is_json_ready_data():

    data = check_solution(DEMO["Les pièces"]).as_dict()

    assert json.loads(json.dumps(data))["steps"][2] == {
        "x": 1,
        "y": 0,
        "direction": "east",
        "collected": 1,
        "action": "collect",
        "block_id": None,
    }
    assert data["reason"] == "solved"


def test_moving_into_a_wall_stops_the_run_at_that_step():
    outcome = verify(DEMO["Le virage"], program(right(), move("m")))

    assert not outcome.solved
    assert outcome.reason is Reason.HIT_WALL
    assert outcome.block_id == "m"
    assert outcome.steps[-1].action is Action.HIT_WALL
    assert (outcome.steps[-1].x, outcome.steps[-1].y) == (0, 2)
    assert outcome.actions == 2


def test_moving_off_the_grid_stops_the_run():
    outcome = verify(DEMO["Le virage"], program(move(), move(), move("off"), right()))

    assert outcome.reason is Reason.LEFT_GRID
    assert outcome.block_id == "off"
    assert outcome.steps[-1].action is Action.LEFT_GRID
    assert outcome.actions == 3  # the turn after it never ran


def test_stopping_short_of_the_goal_is_not_at_goal():
    outcome = verify(DEMO["Tout droit"], program(move(), move()))

    assert outcome.reason is Reason.NOT_AT_GOAL
    assert not outcome.star


def test_reaching_the_goal_without_every_item_is_items_left():
    outcome = verify(
        DEMO["Les pièces"], program(move(), collect(), move(), move(), move())
    )

    assert outcome.reason is Reason.ITEMS_LEFT
    assert outcome.steps[-1].collected == 1


def test_collecting_where_there_is_nothing_does_nothing():
    outcome = verify(DEMO["Les pièces"], program(collect(), collect()))

    assert outcome.reason is Reason.ITEMS_LEFT
    assert outcome.actions == 2
    assert outcome.steps[-1].collected == 0


def test_a_run_stops_solved_when_the_goal_is_reached_even_if_blocks_remain():
    stairs = repeat(20, move(), left(), move(), right())

    outcome = verify(DEMO["L'escalier"], program(stairs))

    assert outcome.solved
    assert outcome.actions == 11


def test_the_spiral_without_a_condition_leaves_the_grid():
    outcome = verify(
        DEMO["Le chemin en U"], program(repeat(3, repeat(4, move()), right()))
    )

    assert outcome.reason is Reason.LEFT_GRID


def test_the_grand_tour_without_collecting_leaves_items():
    puzzle = DEMO["Le grand parcours"]
    solution = program(
        until_goal(
            if_else(
                "path_ahead", (move(),), (if_else("path_left", (left(),), (right(),)),)
            )
        )
    )

    outcome = verify(puzzle, solution)

    # The loop ends on the goal; the program ends there with the items still out.
    assert outcome.reason is Reason.ITEMS_LEFT
    assert (outcome.steps[-1].x, outcome.steps[-1].y) == puzzle.goal


def test_an_endless_loop_ends_with_too_many_steps_at_the_bound():
    outcome = verify(DEMO["La spirale"], program(until_goal(turn("left", "spin"))))

    assert outcome.reason is Reason.TOO_MANY_STEPS
    assert not outcome.solved
    assert outcome.ticks == MAX_STEPS
    assert outcome.actions == MAX_STEPS // 2  # one tick for the check, one for the turn
    assert len(outcome.steps) == outcome.actions + 1
    assert outcome.steps[-1].block_id == "spin"


def test_an_endless_loop_of_nothing_ends_too():
    outcome = verify(DEMO["La spirale"], program(until_goal(if_("item_here", move()))))

    assert outcome.reason is Reason.TOO_MANY_STEPS
    assert outcome.ticks == MAX_STEPS
    assert outcome.actions == 0


@pytest.mark.parametrize(
    ("inner", "levels"), [(left(), 1), (if_("item_here", collect()), 2)]
)
def test_maximally_nested_loops_end_at_the_bound(playground, inner, levels):
    """31 nested repeats of 20 would be 20**31 rounds: the rounds count as ticks."""
    block = inner
    for _ in range(MAX_DEPTH - levels):
        block = repeat(20, block)

    outcome = verify(playground, program(block))

    assert outcome.reason is Reason.TOO_MANY_STEPS
    assert outcome.ticks == MAX_STEPS
    assert len(outcome.steps) <= MAX_STEPS + 1


def test_the_replay_never_exceeds_the_bound():
    outcome = verify(DEMO["La spirale"], program(until_goal(left(), right())))

    assert outcome.reason is Reason.TOO_MANY_STEPS
    assert len(outcome.steps) <= MAX_STEPS + 1


def test_a_program_over_max_blocks_does_not_run():
    puzzle = DEMO["Tout droit"]

    outcome = verify(puzzle, program(*[move()] * (puzzle.max_blocks + 1)))

    assert outcome.reason is Reason.TOO_MANY_BLOCKS
    assert outcome.blocks == 7
    assert outcome.actions == 0
    assert not outcome.solved


def test_the_star_is_awarded_exactly_at_the_target():
    puzzle = DEMO["L'escalier"]  # target 5, max 6
    stairs = repeat(3, move(), left(), move(), right())

    at_target = verify(puzzle, program(stairs))
    one_more = verify(puzzle, program(stairs, right()))  # never reached, still counted
    too_many = verify(puzzle, program(stairs, right(), right()))

    assert (at_target.solved, at_target.blocks, at_target.star) == (True, 5, True)
    assert (one_more.solved, one_more.blocks, one_more.star) == (True, 6, False)
    assert too_many.reason is Reason.TOO_MANY_BLOCKS


def test_no_target_means_no_star():
    definition = copy.deepcopy(demo_puzzle_definitions()[0])
    definition["target_blocks"] = None

    outcome = check_solution(puzzle_from_dict(definition))

    assert outcome.solved
    assert not outcome.star


def test_verify_refuses_a_block_the_puzzle_does_not_offer():
    with pytest.raises(ProgramError) as caught:
        verify(DEMO["Tout droit"], program(move(), right()))

    assert caught.value.code == "block_not_offered"


def test_run_takes_an_already_parsed_program():
    puzzle = DEMO["La spirale"]

    assert run(puzzle, puzzle.solution) == check_solution(puzzle)
