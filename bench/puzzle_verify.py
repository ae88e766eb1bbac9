"""Time the server-side check of block puzzles (see bench/README.md).

    .venv/bin/python bench/puzzle_verify.py

Each case is what one POST of a child's program costs the server: parse the
JSON text and run it on the puzzle (`puzzles.verify`), or the refusal. Printed
per run in microseconds: the best and the median of 7 timings, each of enough
runs to last about 0.2 s.
"""

from __future__ import annotations

import json
import statistics
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

# Run as a script from the repository root: make the root importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from puzzles import (
    MAX_BLOCKS,
    MAX_DEPTH,
    MAX_PROGRAM_BYTES,
    ProgramError,
    parse_program,
    puzzle_from_dict,
    verify,
)
from puzzles.demo import demo_puzzle_definitions
from puzzles.program import BLOCK_TYPES


def workspace(block: dict) -> str:
    return json.dumps({"blocks": {"languageVersion": 0, "blocks": [block]}})


def turn(direction: str = "left") -> dict:
    return {"type": "maze_turn", "fields": {"DIR": direction}}


def chain(blocks: list[dict]) -> dict:
    """Link blocks through `next`, from the end (no recursion)."""
    head = dict(blocks[-1])
    for block in reversed(blocks[:-1]):
        head = {**block, "next": {"block": head}}
    return head


def nested_repeats(inner: dict, levels: int) -> dict:
    for _ in range(levels):
        inner = {
            "type": "maze_repeat",
            "fields": {"TIMES": 20},
            "inputs": {"DO": {"block": inner}},
        }
    return inner


def cases() -> list[tuple[str, Callable[[], object]]]:
    """(label, callable) pairs, each one POST's worth of work."""
    definitions = demo_puzzle_definitions()
    found: list[tuple[str, Callable[[], object]]] = []
    for number, definition in enumerate(definitions, start=1):
        puzzle = puzzle_from_dict(definition)
        text = json.dumps(definition["solution"])
        outcome = verify(puzzle, text)
        label = (
            f"demo {number} {definition['title']} ({len(text)} B, "
            f"{outcome.blocks} blocks, {outcome.ticks} ticks)"
        )
        found.append((label, lambda p=puzzle, t=text: verify(p, t)))

    playground = puzzle_from_dict(
        {
            "width": 12,
            "height": 12,
            "start": {"x": 0, "y": 0, "direction": "east"},
            "goal": [11, 11],
            "blocks": sorted(BLOCK_TYPES),
            "solution": {"blocks": {"blocks": [{"type": "maze_move_forward"}]}},
        }
    )
    endless = workspace(
        {"type": "maze_repeat_until_goal", "inputs": {"DO": {"block": turn()}}}
    )
    nested = workspace(nested_repeats(turn(), MAX_DEPTH - 1))
    # The most an accepted program can be: MAX_DEPTH deep, MAX_BLOCKS blocks, to
    # the step bound, each round testing a condition.
    body = [
        {"type": "maze_if_else", "fields": {"COND": "path_left"}, "inputs": {}},
        *[turn()] * (MAX_BLOCKS - MAX_DEPTH),
    ]
    largest = workspace(nested_repeats(chain(body), MAX_DEPTH - 1))
    for label, text in [
        ("endless repeat-until-goal to the step bound", endless),
        (f"{MAX_DEPTH - 1} nested repeat 20 to the step bound", nested),
        (
            f"largest accepted: {MAX_BLOCKS} blocks, depth {MAX_DEPTH}, to the bound",
            largest,
        ),
    ]:
        outcome = verify(playground, text)
        label = f"{label} ({len(text)} B, {outcome.reason}, {outcome.ticks} ticks)"
        found.append((label, lambda t=text: verify(playground, t)))

    opening = '{"type":"maze_repeat_until_goal","inputs":{"DO":{"block":'
    levels = (MAX_PROGRAM_BYTES - 100) // (len(opening) + 3)
    deep = (
        '{"blocks":{"blocks":['
        + opening * levels
        + '{"type":"maze_move_forward"}'
        + "}}}" * levels
        + "]}}"
    )
    many = workspace(chain([turn()] * (MAX_BLOCKS + 1)))
    for label, text in [
        (f"refused: {levels} levels deep", deep),
        (f"refused: {MAX_BLOCKS + 1} blocks", many),
        ("refused: 64 KB not JSON", "[" + "1," * (MAX_PROGRAM_BYTES // 2 - 2)),
    ]:
        try:
            parse_program(text)
        except ProgramError as error:
            label = f"{label} ({len(text.encode())} B, {error.code})"
        found.append((label, lambda t=text: refuse(t)))
    return found


def refuse(text: str) -> None:
    try:
        parse_program(text)
    except ProgramError:
        return
    raise AssertionError("expected a refusal")


def main() -> None:
    print(f"{'case':<92} {'best µs':>9} {'median µs':>10}")
    for label, call in cases():
        timer = timeit.Timer(call)
        number, _ = timer.autorange()
        number = max(1, number)
        runs = [total / number * 1e6 for total in timer.repeat(repeat=7, number=number)]
        print(f"{label:<92} {min(runs):>9.1f} {statistics.median(runs):>10.1f}")


if __name__ == "__main__":
    main()
