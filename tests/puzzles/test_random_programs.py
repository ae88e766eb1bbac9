"""Random programs, valid and broken: parsing refuses or running finishes, nothing else.

A seeded generator, so a failure reproduces; the seed and the program are in the
assertion message.
"""

import json
import random

import pytest

from puzzles import (
    MAX_STEPS,
    ProgramError,
    Reason,
    parse_program,
    puzzle_from_dict,
    run,
)
from puzzles.demo import demo_puzzles
from puzzles.program import BLOCK_TYPES, PROGRAM_ERROR_CODES, Condition, Program
from tests.puzzles.blockly import chain, move, program

PROGRAMS = 400
JUNK = [None, -1, 0, 10**9, "abc", "", [], {}, True, 2.5, "LEFT", [[[]]], {"a": 1}]
CONDITIONS = [str(c) for c in Condition]


def random_value(rng: random.Random, valid):
    """A field value: mostly valid, sometimes junk."""
    return rng.choice(JUNK) if rng.random() < 0.03 else valid


def random_stack(rng: random.Random, depth: int) -> list[dict]:
    return [random_block(rng, depth) for _ in range(rng.randint(1, 4))]


def random_block(rng: random.Random, depth: int) -> dict:
    """A random block; statement blocks only while `depth` allows nesting."""
    kinds = sorted(BLOCK_TYPES) if depth > 0 else ["maze_move_forward", "maze_turn"]
    kind = rng.choice(kinds + ["maze_move_forward"] * 3)  # moves make runs longer
    if rng.random() < 0.005:
        kind = rng.choice(["maze_jump", None, 7])
    block: dict = {"type": kind, "id": f"b{rng.randrange(50)}"}
    if kind == "maze_turn":
        block["fields"] = {"DIR": random_value(rng, rng.choice(["left", "right"]))}
    elif kind == "maze_repeat":
        block["fields"] = {"TIMES": random_value(rng, rng.randint(1, 20))}
    elif kind in ("maze_if", "maze_if_else"):
        block["fields"] = {"COND": random_value(rng, rng.choice(CONDITIONS))}
    inputs = {
        "maze_repeat": ["DO"],
        "maze_repeat_until_goal": ["DO"],
        "maze_if": ["DO"],
    }
    inputs["maze_if_else"] = ["DO", "ELSE"]
    for name in inputs.get(kind, []):
        if rng.random() < 0.9:
            block.setdefault("inputs", {})[name] = {
                "block": chain(random_stack(rng, depth - 1))
            }
    return block


def random_program(rng: random.Random) -> dict:
    data = program(*random_stack(rng, rng.randint(0, 4)))
    if rng.random() < 0.2:
        mutate(rng, data)
    return data


def mutate(rng: random.Random, data: dict) -> None:
    """Replace one value somewhere in the program by junk."""
    node = data
    for _ in range(rng.randint(1, 12)):
        children = [v for v in node.values() if isinstance(v, dict)]
        if not children:
            break
        node = rng.choice(children)
    key = rng.choice([*node.keys(), "next", "inputs", "fields", "type", "enabled"])
    node[key] = rng.choice([*JUNK, move(), {"block": move()}])


def mutate_text(rng: random.Random, text: str) -> str:
    """Delete, insert or duplicate a few characters of JSON text."""
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) + 1)
        match rng.randrange(3):
            case 0:
                text = text[:at] + text[at + 1 :]
            case 1:
                text = text[:at] + rng.choice('{}[]",:0123456789abc \\') + text[at:]
            case _:
                text = text[:at] + text[at : at + rng.randint(1, 40)] * 2 + text[at:]
    return text


@pytest.fixture(scope="module")
def puzzles():
    """The demo puzzles and an open playground, where long random runs fit."""
    playground = puzzle_from_dict(
        {
            "width": 12,
            "height": 12,
            "walls": [[5, y] for y in range(11)],
            "items": [[2, 2], [9, 9], [11, 0]],
            "start": {"x": 0, "y": 0, "direction": "south"},
            "goal": [11, 11],
            "blocks": sorted(BLOCK_TYPES),
            "solution": {"blocks": {"blocks": [move()]}},
        }
    )
    return [*demo_puzzles(), playground]


def parse_or_refuse(data) -> tuple[Program | None, ProgramError | None]:
    """The parsed program, or the refusal: one of the two is None."""
    try:
        return parse_program(data), None
    except ProgramError as error:
        return None, error


def check_outcome(puzzle, parsed, outcome, context) -> None:
    """What every run must satisfy, whatever the program."""
    assert outcome.reason in Reason, context
    assert outcome.solved == (outcome.reason is Reason.SOLVED), context
    assert not outcome.star or outcome.solved, context
    assert outcome.blocks == parsed.block_count, context
    assert 0 <= outcome.ticks <= MAX_STEPS, context
    assert len(outcome.steps) == outcome.actions + 1 <= MAX_STEPS + 1, context
    assert all(puzzle.is_open((s.x, s.y)) for s in outcome.steps), context
    assert 0 <= outcome.steps[-1].collected <= len(puzzle.items), context


@pytest.mark.parametrize("seed", range(4))
def test_random_programs_are_refused_or_run_to_an_end(puzzles, seed):
    rng = random.Random(seed)
    refused = ran = 0
    for index in range(PROGRAMS):
        data = random_program(rng)
        context = f"seed {seed}, program {index}: {json.dumps(data)[:2000]}"
        parsed, error = parse_or_refuse(data)
        if error is not None:
            assert error.code in PROGRAM_ERROR_CODES, context
            refused += 1
            continue
        for puzzle in puzzles:
            check_outcome(puzzle, parsed, run(puzzle, parsed), context)
        ran += 1
    # The generator must exercise both sides, or the test proves little.
    assert refused > PROGRAMS // 20
    assert ran > PROGRAMS // 2


@pytest.mark.parametrize("seed", range(4))
def test_randomly_damaged_json_text_is_refused_or_runs(puzzles, seed):
    rng = random.Random(1000 + seed)
    refused = 0
    for index in range(PROGRAMS):
        text = mutate_text(rng, json.dumps(random_program(rng)))
        context = f"seed {1000 + seed}, text {index}: {text[:2000]}"
        parsed, error = parse_or_refuse(text)
        if error is not None:
            assert error.code in PROGRAM_ERROR_CODES, context
            refused += 1
            continue
        check_outcome(puzzles[-1], parsed, run(puzzles[-1], parsed), context)
    assert refused > PROGRAMS // 4
