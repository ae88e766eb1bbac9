"""The puzzle definition: a grid, a character, a goal, items and offered blocks.

An editor's puzzle arrives as a plain dict (what the Wagtail block stores):

    {"width": 5, "height": 3, "walls": [[0, 1], [1, 1]],
     "start": {"x": 0, "y": 0, "direction": "east"}, "goal": [0, 2],
     "items": [[4, 0]], "blocks": ["maze_move_forward", "maze_turn"],
     "max_blocks": 10, "target_blocks": 5,
     "solution": {"blocks": {"languageVersion": 0, "blocks": [...]}},
     "title": "...", "hint": "...", "success": "..."}

`x` grows to the east (right), `y` to the south (down): (0, 0) is the top-left
cell and "north" is up on the screen, as the browser draws the grid.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from puzzles.exceptions import ProgramError, PuzzleError
from puzzles.program import BLOCK_TYPES, MAX_BLOCKS, Program, parse_program

MAX_SIZE = 12
MAX_TEXT = 1000  # characters of a title, hint or success text

Cell = tuple[int, int]

# Every code a PuzzleError can carry, for the course blocks to translate.
PUZZLE_ERROR_CODES = frozenset(
    {
        "not_an_object",  # the definition is not an object
        "unknown_field",  # a key the definition does not have (a typo?)
        "missing_field",  # a required key is absent
        "invalid_type",  # a value of the wrong type
        "invalid_size",  # width or height not from 1 to MAX_SIZE
        "outside_grid",  # a cell outside the grid
        "invalid_direction",  # start.direction not north, east, south or west
        "start_on_wall",
        "goal_on_wall",
        "item_on_wall",
        "duplicate_cell",  # a wall or item listed twice
        "goal_on_start",  # nothing to collect and the goal is the start
        "unknown_block_type",  # an offered block type the interpreter does not know
        "duplicate_block_type",
        "no_blocks",  # no block offered
        "invalid_limit",  # max_blocks or target_blocks out of range
        "text_too_long",  # title, hint or success over MAX_TEXT
        "solution_invalid",  # the reference solution is refused as a program
        "solution_fails",  # check_solution: it does not solve the puzzle
        "solution_no_star",  # check_solution: it does not earn the star
    }
)


class Direction(StrEnum):
    """Where the character faces, in clockwise order."""

    NORTH = "north"
    EAST = "east"
    SOUTH = "south"
    WEST = "west"

    @property
    def delta(self) -> Cell:
        """The change of (x, y) of one step forward."""
        return _DELTAS[self]


_DELTAS: dict[Direction, Cell] = {
    Direction.NORTH: (0, -1),
    Direction.EAST: (1, 0),
    Direction.SOUTH: (0, 1),
    Direction.WEST: (-1, 0),
}


@dataclass(frozen=True, slots=True)
class Start:
    """Where the character starts and which way it faces."""

    x: int
    y: int
    direction: Direction


@dataclass(frozen=True, slots=True)
class Puzzle:
    """A validated puzzle: everything the interpreter needs, immutable.

    `solution` is the editor's reference program, already parsed; whether it
    solves the puzzle is `interpreter.check_solution`'s question.
    """

    width: int
    height: int
    walls: frozenset[Cell]
    start: Start
    goal: Cell
    items: tuple[Cell, ...]
    blocks: tuple[str, ...]
    solution: Program
    max_blocks: int | None = None
    target_blocks: int | None = None
    title: str = ""
    hint: str = ""
    success: str = ""
    # Derived for the interpreter's look-ups; not part of the definition.
    item_set: frozenset[Cell] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "item_set", frozenset(self.items))

    def is_open(self, cell: Cell) -> bool:
        """Whether the character may stand on `cell`: inside the grid, no wall."""
        x, y = cell
        return 0 <= x < self.width and 0 <= y < self.height and cell not in self.walls

    def inside(self, cell: Cell) -> bool:
        """Whether `cell` is inside the grid."""
        x, y = cell
        return 0 <= x < self.width and 0 <= y < self.height


_REQUIRED = ("width", "height", "start", "goal", "blocks", "solution")
_OPTIONAL = (
    "walls",
    "items",
    "max_blocks",
    "target_blocks",
    "title",
    "hint",
    "success",
)


def puzzle_from_dict(data: Mapping[str, Any]) -> Puzzle:
    """Validate an editor's puzzle definition and build the `Puzzle`.

    Raises `PuzzleError` (with the key at fault in `field`) for anything an
    editor must fix. Work is bounded: every list is checked for duplicates or
    cells outside the grid as it is read, so none is read past width x height + 1.
    """
    if not isinstance(data, Mapping):
        raise PuzzleError("not_an_object", "The puzzle definition must be an object.")
    for key in data:
        if key not in _REQUIRED and key not in _OPTIONAL:
            raise PuzzleError(
                "unknown_field", f"Unknown key {str(key)[:40]!r}.", field=str(key)[:40]
            )
    for key in _REQUIRED:
        if key not in data:
            raise PuzzleError("missing_field", f"{key!r} is required.", field=key)

    width = _size(data, "width")
    height = _size(data, "height")
    walls = _cells(data.get("walls", []), "walls", width, height)
    start = _start(data["start"], width, height)
    goal = _cell(data["goal"], "goal", width, height)
    items = _cells(data.get("items", []), "items", width, height)
    wall_set = frozenset(walls)
    if (start.x, start.y) in wall_set:
        raise PuzzleError("start_on_wall", "The start is on a wall.", field="start")
    if goal in wall_set:
        raise PuzzleError("goal_on_wall", "The goal is on a wall.", field="goal")
    for item in items:
        if item in wall_set:
            raise PuzzleError(
                "item_on_wall", f"The item at {item} is on a wall.", field="items"
            )
    if goal == (start.x, start.y) and not items:
        raise PuzzleError(
            "goal_on_start",
            "The goal is the start and there is nothing to collect: nothing to solve.",
            field="goal",
        )
    blocks = _blocks(data["blocks"])
    max_blocks = _limit(data, "max_blocks")
    target_blocks = _limit(data, "target_blocks")
    if (
        max_blocks is not None
        and target_blocks is not None
        and target_blocks > max_blocks
    ):
        raise PuzzleError(
            "invalid_limit",
            "target_blocks cannot be more than max_blocks.",
            field="target_blocks",
        )
    return Puzzle(
        width=width,
        height=height,
        walls=wall_set,
        start=start,
        goal=goal,
        items=items,
        blocks=blocks,
        solution=_solution(data["solution"], blocks),
        max_blocks=max_blocks,
        target_blocks=target_blocks,
        title=_text(data, "title"),
        hint=_text(data, "hint"),
        success=_text(data, "success"),
    )


def _is_int(value: Any) -> bool:
    # bool is an int in Python; JSON true is no size.
    return type(value) is int


def _size(data: Mapping[str, Any], key: str) -> int:
    value = data[key]
    if not _is_int(value) or not 1 <= value <= MAX_SIZE:
        raise PuzzleError(
            "invalid_size",
            f"{key} must be a whole number from 1 to {MAX_SIZE}.",
            field=key,
        )
    return value


def _cell(value: Any, key: str, width: int, height: int) -> Cell:
    """An [x, y] pair inside the grid."""
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(_is_int(v) for v in value)
    ):
        raise PuzzleError(
            "invalid_type", f"{key} must hold [x, y] pairs of whole numbers.", field=key
        )
    x, y = value
    if not (0 <= x < width and 0 <= y < height):
        raise PuzzleError(
            "outside_grid", f"{key}: ({x}, {y}) is outside the grid.", field=key
        )
    return (x, y)


def _cells(value: Any, key: str, width: int, height: int) -> tuple[Cell, ...]:
    """A list of distinct cells inside the grid."""
    if not isinstance(value, list | tuple):
        raise PuzzleError(
            "invalid_type", f"{key} must be a list of [x, y] pairs.", field=key
        )
    seen: dict[Cell, None] = {}  # ordered: items keep the editor's order
    for raw in value:
        cell = _cell(raw, key, width, height)
        if cell in seen:
            # Also what bounds the loop: at most width x height distinct cells.
            raise PuzzleError(
                "duplicate_cell", f"{key}: {cell} is listed twice.", field=key
            )
        seen[cell] = None
    return tuple(seen)


def _start(value: Any, width: int, height: int) -> Start:
    if not isinstance(value, Mapping):
        raise PuzzleError(
            "invalid_type",
            "start must be an object with x, y and direction.",
            field="start",
        )
    x, y = _cell([value.get("x"), value.get("y")], "start", width, height)
    direction = value.get("direction")
    if not isinstance(direction, str) or direction not in Direction._value2member_map_:
        raise PuzzleError(
            "invalid_direction",
            f"start.direction must be one of {', '.join(Direction)}.",
            field="start",
        )
    return Start(x, y, Direction(direction))


def _blocks(value: Any) -> tuple[str, ...]:
    """The offered block types, in the editor's (the toolbox's) order."""
    if not isinstance(value, list | tuple):
        raise PuzzleError(
            "invalid_type", "blocks must be a list of block types.", field="blocks"
        )
    offered: dict[str, None] = {}
    for kind in value:
        if not isinstance(kind, str) or kind not in BLOCK_TYPES:
            raise PuzzleError(
                "unknown_block_type",
                f"Unknown block type {str(kind)[:40]!r}.",
                field="blocks",
            )
        if kind in offered:
            raise PuzzleError(
                "duplicate_block_type", f"{kind!r} is offered twice.", field="blocks"
            )
        offered[kind] = None
    if not offered:
        raise PuzzleError(
            "no_blocks", "The puzzle must offer at least one block.", field="blocks"
        )
    return tuple(offered)


def _limit(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if not _is_int(value) or not 1 <= value <= MAX_BLOCKS:
        raise PuzzleError(
            "invalid_limit",
            f"{key} must be a whole number from 1 to {MAX_BLOCKS}.",
            field=key,
        )
    return value


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise PuzzleError("invalid_type", f"{key} must be text.", field=key)
    if len(value) > MAX_TEXT:
        raise PuzzleError(
            "text_too_long", f"{key} is longer than {MAX_TEXT} characters.", field=key
        )
    return value


def _solution(value: Any, offered: tuple[str, ...]) -> Program:
    """The reference program, parsed with the same rules as a child's."""
    try:
        return parse_program(value, offered=offered)
    except ProgramError as error:
        raise PuzzleError(
            "solution_invalid",
            f"The reference solution is refused: {error.code}: {error.message}",
            field="solution",
        ) from error
