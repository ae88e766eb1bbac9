"""Run a parsed program on a puzzle and decide, on the server, whether it solves it.

Rules a child's program is judged by:
- moving into a wall or off the grid stops the run: `hit_wall`, `left_grid`;
- the run stops, solved, as soon as the character stands on the goal with every
  item collected (as in Blockly Games' maze: a loop that would go on past the
  goal does not spoil a success);
- when the program ends before that: `items_left` if an item is still on the
  grid, otherwise `not_at_goal`;
- the work is bounded by MAX_STEPS ticks: one per action, per condition checked
  and per loop round (a round of an empty `repeat` too, or 32 nested loops of 20
  would be endless), so an endless loop ends with `too_many_steps`;
- a program over the puzzle's `max_blocks` does not run: `too_many_blocks`.
`maze_collect` where there is no item does nothing (it still costs an action).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from puzzles.exceptions import PuzzleError
from puzzles.program import (
    Collect,
    Condition,
    If,
    IfElse,
    MoveForward,
    Node,
    Program,
    Repeat,
    RepeatUntilGoal,
    Turn,
    TurnBlock,
    parse_program,
)
from puzzles.world import Cell, Direction, Puzzle

MAX_STEPS = 1000  # ticks: actions, condition checks and loop rounds


class Reason(StrEnum):
    """Why a run ended: a stable code the course blocks turn into feedback."""

    SOLVED = "solved"
    HIT_WALL = "hit_wall"
    LEFT_GRID = "left_grid"
    NOT_AT_GOAL = "not_at_goal"
    ITEMS_LEFT = "items_left"
    TOO_MANY_STEPS = "too_many_steps"
    TOO_MANY_BLOCKS = "too_many_blocks"


class Action(StrEnum):
    """What a replay step shows; the two last are failed moves (no change)."""

    START = "start"
    MOVE = "move"
    TURN = "turn"
    COLLECT = "collect"
    HIT_WALL = "hit_wall"
    LEFT_GRID = "left_grid"


@dataclass(frozen=True, slots=True)
class Step:
    """The character's state after one action, for the browser's replay.

    `collected` counts the items picked up so far; `block_id` is the Blockly id
    of the block that acted, so the replay can highlight it.
    """

    x: int
    y: int
    direction: Direction
    collected: int
    action: Action
    block_id: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """The server's verdict on one run.

    `steps` starts with the start state and holds one state per action, so it
    has at most MAX_STEPS + 1 entries; `ticks` is the work spent (at most
    MAX_STEPS); `block_id` is the block where a failed run stopped.
    """

    solved: bool
    reason: Reason
    blocks: int
    star: bool
    steps: tuple[Step, ...]
    actions: int
    ticks: int
    block_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The outcome as JSON-ready data, for the browser's replay."""
        return asdict(self)


class _Stop(Exception):
    """Ends a run from any depth of the program."""

    def __init__(self, reason: Reason, block_id: str | None):
        self.reason = reason
        self.block_id = block_id


# Precomputed so that the hot loop does no enum arithmetic.
_CLOCKWISE = list(Direction)
_TURNED = {
    (facing, turn): _CLOCKWISE[(index + (1 if turn is Turn.RIGHT else -1)) % 4]
    for index, facing in enumerate(_CLOCKWISE)
    for turn in Turn
}


class _Run:
    """The state of one run: position, facing, items left, work spent."""

    def __init__(self, puzzle: Puzzle):
        self.puzzle = puzzle
        self.x = puzzle.start.x
        self.y = puzzle.start.y
        self.facing = puzzle.start.direction
        self.items_left = set(puzzle.item_set)
        self.collected = 0
        self.ticks = 0
        self.steps: list[Step] = [self._step(Action.START, None)]

    def _step(self, action: Action, block_id: str | None) -> Step:
        return Step(self.x, self.y, self.facing, self.collected, action, block_id)

    def tick(self, block_id: str | None) -> None:
        if self.ticks >= MAX_STEPS:
            raise _Stop(Reason.TOO_MANY_STEPS, block_id)
        self.ticks += 1

    def ahead(self, turn: Turn | None = None) -> Cell:
        facing = self.facing if turn is None else _TURNED[self.facing, turn]
        dx, dy = facing.delta
        return (self.x + dx, self.y + dy)

    def check_solved(self) -> None:
        if not self.items_left and (self.x, self.y) == self.puzzle.goal:
            raise _Stop(Reason.SOLVED, None)

    def test(self, condition: Condition, block_id: str | None) -> bool:
        self.tick(block_id)
        match condition:
            case Condition.PATH_AHEAD:
                return self.puzzle.is_open(self.ahead())
            case Condition.PATH_LEFT:
                return self.puzzle.is_open(self.ahead(Turn.LEFT))
            case Condition.PATH_RIGHT:
                return self.puzzle.is_open(self.ahead(Turn.RIGHT))
            case _:
                return (self.x, self.y) in self.items_left

    def execute(self, body: tuple[Node, ...]) -> None:
        # Recursion is bounded by the parser's MAX_DEPTH (32 levels).
        for node in body:
            match node:
                case MoveForward(block_id=block_id):
                    self.tick(block_id)
                    cell = self.ahead()
                    if not self.puzzle.is_open(cell):
                        inside = self.puzzle.inside(cell)
                        failure = Action.HIT_WALL if inside else Action.LEFT_GRID
                        self.steps.append(self._step(failure, block_id))
                        raise _Stop(Reason(failure.value), block_id)
                    self.x, self.y = cell
                    self.steps.append(self._step(Action.MOVE, block_id))
                    self.check_solved()
                case TurnBlock(direction=turn, block_id=block_id):
                    self.tick(block_id)
                    self.facing = _TURNED[self.facing, turn]
                    self.steps.append(self._step(Action.TURN, block_id))
                case Collect(block_id=block_id):
                    self.tick(block_id)
                    here = (self.x, self.y)
                    if here in self.items_left:
                        self.items_left.remove(here)
                        self.collected += 1
                    self.steps.append(self._step(Action.COLLECT, block_id))
                    self.check_solved()
                case Repeat(times=times, body=inner, block_id=block_id):
                    for _ in range(times):
                        self.tick(block_id)
                        self.execute(inner)
                case RepeatUntilGoal(body=inner, block_id=block_id):
                    while True:
                        self.tick(block_id)  # the check of "at the goal?"
                        if (self.x, self.y) == self.puzzle.goal:
                            break
                        self.execute(inner)
                case If(condition=condition, body=inner, block_id=block_id):
                    if self.test(condition, block_id):
                        self.execute(inner)
                case IfElse(
                    condition=condition, body=inner, orelse=other, block_id=bid
                ):
                    self.execute(inner if self.test(condition, bid) else other)


def run(puzzle: Puzzle, program: Program) -> Outcome:
    """Run a parsed program on a puzzle, within MAX_STEPS, and judge the result."""
    blocks = program.block_count
    state = _Run(puzzle)
    if puzzle.max_blocks is not None and blocks > puzzle.max_blocks:
        reason, block_id = Reason.TOO_MANY_BLOCKS, None
    else:
        try:
            state.check_solved()
            state.execute(program.body)
        except _Stop as stop:
            reason, block_id = stop.reason, stop.block_id
        else:
            reason = Reason.ITEMS_LEFT if state.items_left else Reason.NOT_AT_GOAL
            block_id = None
    solved = reason is Reason.SOLVED
    return Outcome(
        solved=solved,
        reason=reason,
        blocks=blocks,
        star=solved
        and puzzle.target_blocks is not None
        and blocks <= puzzle.target_blocks,
        steps=tuple(state.steps),
        actions=len(state.steps) - 1,
        ticks=state.ticks,
        block_id=block_id,
    )


def verify(puzzle: Puzzle, data: str | bytes | dict[str, Any]) -> Outcome:
    """Parse a child's posted program with the puzzle's offered blocks and run it.

    Raises `ProgramError` when the program is refused before running.
    """
    return run(puzzle, parse_program(data, offered=puzzle.blocks))


def check_solution(puzzle: Puzzle) -> Outcome:
    """Prove a puzzle can be published: its reference solution solves it.

    Raises `PuzzleError` (`solution_fails`) when it does not, and
    (`solution_no_star`) when it uses more blocks than `target_blocks`: the
    solution is then the proof that the star can be earned.
    """
    outcome = run(puzzle, puzzle.solution)
    if not outcome.solved:
        raise PuzzleError(
            "solution_fails",
            f"The reference solution does not solve the puzzle ({outcome.reason}).",
            field="solution",
        )
    if not outcome.star and puzzle.target_blocks is not None:
        raise PuzzleError(
            "solution_no_star",
            f"The reference solution uses {outcome.blocks} blocks, more than "
            f"target_blocks ({puzzle.target_blocks}).",
            field="target_blocks",
        )
    return outcome
