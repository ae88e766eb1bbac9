"""Parse a Blockly program (its JSON serialization) into a small, bounded tree.

The browser posts `Blockly.serialization.workspaces.save(workspace)`:

    {"blocks": {"languageVersion": 0, "blocks": [
        {"type": "maze_repeat", "id": "a1", "fields": {"TIMES": 3},
         "inputs": {"DO": {"block": {"type": "maze_move_forward", "id": "a2"}}},
         "next": {"block": {"type": "maze_turn", "fields": {"DIR": "left"}}}}
    ]}}

A stack of blocks is a chain of `next` links; a statement input (`DO`, `ELSE`)
holds the first block of a nested stack. Everything else Blockly writes (`x`,
`y`, `variables`, `collapsed`, ...) is ignored.

The input is untrusted: whatever it holds, parsing either returns a `Program` or
raises `ProgramError`, in work bounded by the limits below. The walk is
iterative, so no input can reach Python's recursion limit.

Only one stack may lie on the workspace: a second stack is refused
(`several_stacks`) rather than run or ignored, because Blockly saves top blocks
in creation order, which the child cannot see, and a stray block would count
towards the limit of blocks without doing anything.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate
from typing import Any, TypeVar

from puzzles.exceptions import ProgramError

MAX_PROGRAM_BYTES = 64 * 1024
MAX_DEPTH = 32  # blocks nested in statement inputs; a top-level block is at depth 1
MAX_BLOCKS = 200
MAX_TIMES = 20
MAX_ID_LENGTH = 64  # longer ids are dropped, not echoed back (Blockly's are 20)

# Deepest JSON a program within the limits can need: root object, workspace
# object and list, top block, then 3 levels per statement input ({"DO": {"block":
# {...}}}) and 2 per `next` link, plus a block's fields and some slack. The text
# is checked against it before `json.loads`, whose C parser recurses.
MAX_JSON_DEPTH = 4 + 3 * MAX_DEPTH + 2 * MAX_BLOCKS + 8

# What JSON holds outside strings besides brackets: whitespace, separators,
# numbers, true/false/null (and NaN/Infinity, which Python's json accepts).
# Deleted by str.translate, far faster than a regex on text of many short tokens.
_NOT_BRACKET_IN_JSON = str.maketrans("", "", " \t\n\r:,0123456789.-+eEtrufalsnNIiy")
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")  # what is left only in invalid JSON
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class BlockType(StrEnum):
    """The Blockly block types the interpreter understands."""

    MOVE_FORWARD = "maze_move_forward"
    TURN = "maze_turn"
    COLLECT = "maze_collect"
    REPEAT = "maze_repeat"
    REPEAT_UNTIL_GOAL = "maze_repeat_until_goal"
    IF = "maze_if"
    IF_ELSE = "maze_if_else"


BLOCK_TYPES: frozenset[str] = frozenset(BlockType)


class Condition(StrEnum):
    """What `maze_if` and `maze_if_else` can test (their `COND` field)."""

    PATH_AHEAD = "path_ahead"
    PATH_LEFT = "path_left"
    PATH_RIGHT = "path_right"
    ITEM_HERE = "item_here"


class Turn(StrEnum):
    """The two values of `maze_turn`'s `DIR` field."""

    LEFT = "left"
    RIGHT = "right"


# Every code a ProgramError can carry, for the course blocks to translate.
PROGRAM_ERROR_CODES = frozenset(
    {
        "invalid_json",  # not UTF-8, not JSON
        "too_large",  # JSON text over MAX_PROGRAM_BYTES
        "not_an_object",  # the program is not a JSON object
        "invalid_structure",  # a workspace, block, input or link of the wrong shape
        "empty_program",  # no block at all
        "several_stacks",  # more than one stack on the workspace
        "too_deep",  # blocks (or the JSON) nested deeper than allowed
        "too_many_blocks",  # more than MAX_BLOCKS blocks
        "unknown_block",  # a block type the interpreter does not know
        "block_not_offered",  # a block type the puzzle does not offer
        "missing_field",  # a required field is absent
        "invalid_field",  # a field of the wrong type or out of range
        "disabled_block",  # a block disabled in the editor
    }
)

# Statement inputs of each block type: an input not listed here is refused, as a
# block hidden in it would be neither run nor counted as the child expects.
_STATEMENT_INPUTS: dict[str, tuple[str, ...]] = {
    BlockType.MOVE_FORWARD: (),
    BlockType.TURN: (),
    BlockType.COLLECT: (),
    BlockType.REPEAT: ("DO",),
    BlockType.REPEAT_UNTIL_GOAL: ("DO",),
    BlockType.IF: ("DO",),
    BlockType.IF_ELSE: ("DO", "ELSE"),
}


@dataclass(frozen=True, slots=True)
class MoveForward:
    """Move one cell in the facing direction."""

    block_id: str | None = None


@dataclass(frozen=True, slots=True)
class TurnBlock:
    """Turn a quarter left or right, staying on the cell."""

    direction: Turn
    block_id: str | None = None


@dataclass(frozen=True, slots=True)
class Collect:
    """Pick up the item on the current cell, if there is one."""

    block_id: str | None = None


@dataclass(frozen=True, slots=True)
class Repeat:
    """Run the body a fixed number of times (1 to MAX_TIMES)."""

    times: int
    body: tuple[Node, ...]
    block_id: str | None = None


@dataclass(frozen=True, slots=True)
class RepeatUntilGoal:
    """Run the body until the character stands on the goal cell."""

    body: tuple[Node, ...]
    block_id: str | None = None


@dataclass(frozen=True, slots=True)
class If:
    """Run the body when the condition holds."""

    condition: Condition
    body: tuple[Node, ...]
    block_id: str | None = None


@dataclass(frozen=True, slots=True)
class IfElse:
    """Run the body when the condition holds, the other branch otherwise."""

    condition: Condition
    body: tuple[Node, ...]
    orelse: tuple[Node, ...]
    block_id: str | None = None


Node = MoveForward | TurnBlock | Collect | Repeat | RepeatUntilGoal | If | IfElse


@dataclass(frozen=True, slots=True)
class Program:
    """A parsed program: its single stack and how many blocks it is made of."""

    body: tuple[Node, ...]
    block_count: int


_JSON_NAMES = {dict: "object", list: "array"}


@dataclass(slots=True)
class _Record:
    """A block read during the walk, before its nested stacks are built."""

    type: str
    block_id: str | None
    params: dict[str, Any]
    stacks: dict[str, int]  # statement input name -> index of its stack


def parse_program(
    data: str | bytes | dict[str, Any], *, offered: Iterable[str] | None = None
) -> Program:
    """Parse a posted Blockly program, refusing anything malformed or hostile.

    `data` is the JSON text (bounded by MAX_PROGRAM_BYTES) or an already parsed
    dict (then bounded by the walk: at most MAX_BLOCKS blocks at most MAX_DEPTH
    deep are looked at, which also ends a dict that refers to itself).
    `offered` restricts the block types to those the puzzle offers.
    """
    allowed = BLOCK_TYPES if offered is None else frozenset(offered)
    if isinstance(data, str | bytes):
        data = _load_json(data)
    if not isinstance(data, dict):
        raise ProgramError("not_an_object", "The program must be a JSON object.")
    top = _top_block(data)
    records, stacks = _walk(top, allowed)
    return Program(body=_build(records, stacks), block_count=len(records))


def _load_json(text: str | bytes) -> Any:
    """Decode JSON text within the size and nesting bounds."""
    # A str has at least as many bytes as characters: count them only if needed.
    if len(text) > MAX_PROGRAM_BYTES or (
        isinstance(text, str)
        and len(text.encode("utf-8", "surrogatepass")) > MAX_PROGRAM_BYTES
    ):
        raise ProgramError(
            "too_large", f"The program is larger than {MAX_PROGRAM_BYTES} bytes."
        )
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ProgramError(
                "invalid_json", "The program is not UTF-8 text."
            ) from None
    if _json_depth(text) > MAX_JSON_DEPTH:
        # Blockly nests a stack's next block inside the block before it, so a
        # stack far longer than MAX_BLOCKS is refused here too, as too deep.
        raise ProgramError(
            "too_deep",
            f"The program's JSON is nested more than {MAX_JSON_DEPTH} levels deep: "
            "blocks nested too deeply, or far too many blocks.",
        )
    try:
        return json.loads(text)
    except RecursionError:
        # Only when called from an already deep stack: the depth was checked.
        raise ProgramError("too_deep", "The program is nested too deeply.") from None
    except ValueError as error:  # also an integer literal of over 4300 digits
        raise ProgramError(
            "invalid_json", f"The program is not valid JSON ({str(error)[:80]})."
        ) from None


def _json_depth(text: str) -> int:
    """The deepest bracket nesting of JSON text, strings left out.

    Exact for valid JSON; for invalid JSON only an estimate, which is enough:
    `json.loads` refuses it anyway, and its recursion is caught.
    """
    # In valid JSON a backslash only occurs in a string, escaping the next
    # character; pairs of backslashes go first (from the left, as JSON reads
    # them), then escaped quotes: every quote left opens or closes a string.
    unescaped = text.replace("\\\\", "").replace('\\"', "")
    outside = "".join(unescaped.split('"')[::2])
    brackets = _NOT_BRACKET.sub("", outside.translate(_NOT_BRACKET_IN_JSON))
    opening = brackets.count("[") + brackets.count("{")
    if opening <= MAX_JSON_DEPTH:
        return opening  # cannot be deeper: skip the walk below
    return max(accumulate(map(_BRACKET_STEP.__getitem__, brackets), initial=0))


def _top_block(data: dict[str, Any]) -> Any:
    """The first block of the program's only stack."""
    workspace = data.get("blocks")
    if workspace is None:
        # Blockly saves an empty workspace as {}.
        raise ProgramError("empty_program", "The program has no blocks.")
    if not isinstance(workspace, dict):
        raise ProgramError("invalid_structure", "'blocks' must be an object.")
    top_blocks = workspace.get("blocks", [])
    if not isinstance(top_blocks, list):
        raise ProgramError("invalid_structure", "'blocks.blocks' must be a list.")
    if not top_blocks:
        raise ProgramError("empty_program", "The program has no blocks.")
    if len(top_blocks) > 1:
        raise ProgramError(
            "several_stacks",
            f"The program has {len(top_blocks)} separate stacks of blocks; "
            "join them into one.",
        )
    return top_blocks[0]


def _walk(top: Any, allowed: frozenset[str]) -> tuple[list[_Record], list[list[int]]]:
    """Read every block once, iteratively, checking limits before each block.

    Returns the blocks in the order met (a nested block always after the block
    holding it) and the stacks as lists of block indices, stack 0 the top one.
    """
    records: list[_Record] = []
    stacks: list[list[int]] = [[]]
    pending: list[tuple[Any, int, int]] = [(top, 1, 0)]  # block, depth, stack
    while pending:
        block, depth, stack = pending.pop()
        # Follow the `next` chain in this loop: a long stack is not deep.
        while block is not None:
            if len(records) >= MAX_BLOCKS:
                raise ProgramError(
                    "too_many_blocks",
                    f"The program has more than {MAX_BLOCKS} blocks.",
                    block_id=_block_id(block),
                )
            if depth > MAX_DEPTH:
                raise ProgramError(
                    "too_deep",
                    f"Blocks are nested more than {MAX_DEPTH} levels deep.",
                    block_id=_block_id(block),
                )
            record = _read_block(block, allowed)
            stacks[stack].append(len(records))
            records.append(record)
            inputs = block.get("inputs", {})  # checked by _read_block
            for name in _STATEMENT_INPUTS[record.type]:
                record.stacks[name] = len(stacks)
                stacks.append([])
                nested = _linked_block(inputs.get(name), name, record.block_id)
                if nested is not None:
                    pending.append((nested, depth + 1, record.stacks[name]))
            block = _linked_block(block.get("next"), "next", record.block_id)
    return records, stacks


def _read_block(block: Any, allowed: frozenset[str]) -> _Record:
    """Check one block's type, state and fields (not its nested blocks)."""
    if not isinstance(block, dict):
        raise ProgramError("invalid_structure", "A block must be an object.")
    block_id = _block_id(block)
    if block.get("enabled") is False or block.get("disabledReasons"):
        # Blockly skips a disabled block when it runs code; refusing it keeps
        # what the server runs and what the child sees the same.
        raise ProgramError(
            "disabled_block", "The program has a disabled block.", block_id=block_id
        )
    kind = block.get("type")
    if not isinstance(kind, str) or kind not in BLOCK_TYPES:
        raise ProgramError(
            "unknown_block", f"Unknown block type {_short(kind)}.", block_id=block_id
        )
    if kind not in allowed:
        raise ProgramError(
            "block_not_offered",
            f"This puzzle does not offer the block {kind!r}.",
            block_id=block_id,
        )
    fields = block.get("fields", {})
    if not isinstance(fields, dict):
        raise ProgramError(
            "invalid_structure",
            "A block's 'fields' must be an object.",
            block_id=block_id,
        )
    inputs = block.get("inputs", {})
    expected = _STATEMENT_INPUTS[kind]
    if (
        not isinstance(inputs, dict)
        or len(inputs) > len(expected)
        or any(name not in expected for name in inputs)
    ):
        raise ProgramError(
            "invalid_structure",
            f"A block {kind!r} has unexpected inputs.",
            block_id=block_id,
        )
    return _Record(kind, block_id, _read_fields(kind, fields, block_id), {})


def _read_fields(
    kind: str, fields: dict[str, Any], block_id: str | None
) -> dict[str, Any]:
    """The validated field values a block type needs."""
    if kind == BlockType.TURN:
        return {"direction": _choice(fields, "DIR", Turn, block_id)}
    if kind in (BlockType.IF, BlockType.IF_ELSE):
        return {"condition": _choice(fields, "COND", Condition, block_id)}
    if kind == BlockType.REPEAT:
        times = _field(fields, "TIMES", block_id)
        # bool is an int in Python, and JSON true is no count.
        if type(times) is not int or not 1 <= times <= MAX_TIMES:
            raise ProgramError(
                "invalid_field",
                f"TIMES must be a whole number from 1 to {MAX_TIMES}, "
                f"not {_short(times)}.",
                block_id=block_id,
            )
        return {"times": times}
    return {}


_E = TypeVar("_E", bound=StrEnum)


def _choice(
    fields: dict[str, Any], name: str, choices: type[_E], block_id: str | None
) -> _E:
    """A dropdown field's value, one of `choices`."""
    value = _field(fields, name, block_id)
    if not isinstance(value, str) or value not in choices._value2member_map_:
        raise ProgramError(
            "invalid_field",
            f"{name} must be one of {', '.join(choices)}, not {_short(value)}.",
            block_id=block_id,
        )
    return choices(value)


def _field(fields: dict[str, Any], name: str, block_id: str | None) -> Any:
    """A field's raw value, which must be present."""
    if name not in fields:
        raise ProgramError(
            "missing_field", f"The block has no {name} field.", block_id=block_id
        )
    return fields[name]


def _linked_block(link: Any, name: str, owner: str | None) -> Any:
    """The block a `next` link or a statement input holds, or None."""
    if link is None:
        return None
    if not isinstance(link, dict):
        raise ProgramError(
            "invalid_structure",
            f"A block's {name!r} must be an object.",
            block_id=owner,
        )
    if link.get("block") is None and link.get("shadow") is not None:
        # Blockly runs a shadow block standing alone; this toolbox has none.
        raise ProgramError(
            "invalid_structure", "Shadow blocks are not allowed.", block_id=owner
        )
    return link.get("block")


def _build(records: list[_Record], stacks: list[list[int]]) -> tuple[Node, ...]:
    """Build the tree bottom-up: nested blocks come later in `records`."""
    nodes: list[Node | None] = [None] * len(records)

    def stack(index: int) -> tuple[Node, ...]:
        return tuple(nodes[i] for i in stacks[index])  # type: ignore[misc]

    for index in range(len(records) - 1, -1, -1):
        record = records[index]
        ident = record.block_id
        match record.type:
            case BlockType.MOVE_FORWARD:
                node: Node = MoveForward(ident)
            case BlockType.TURN:
                node = TurnBlock(record.params["direction"], ident)
            case BlockType.COLLECT:
                node = Collect(ident)
            case BlockType.REPEAT:
                node = Repeat(record.params["times"], stack(record.stacks["DO"]), ident)
            case BlockType.REPEAT_UNTIL_GOAL:
                node = RepeatUntilGoal(stack(record.stacks["DO"]), ident)
            case BlockType.IF:
                node = If(record.params["condition"], stack(record.stacks["DO"]), ident)
            case _:
                node = IfElse(
                    record.params["condition"],
                    stack(record.stacks["DO"]),
                    stack(record.stacks["ELSE"]),
                    ident,
                )
        nodes[index] = node
    return stack(0)


def _block_id(block: Any) -> str | None:
    """A block's Blockly id, if it is a short string (ids may repeat: harmless)."""
    if isinstance(block, dict):
        ident = block.get("id")
        if isinstance(ident, str) and len(ident) <= MAX_ID_LENGTH:
            return ident
    return None


def _short(value: Any) -> str:
    """A value for an error message, never long however large the input.

    Only scalars are shown: the repr of a container could be huge or deeply
    nested, and that of a huge integer raises ValueError.
    """
    if isinstance(value, str):
        return repr(value[:37] + "...") if len(value) > 40 else repr(value)
    if isinstance(value, int) and value.bit_length() > 64:
        return "a very large number"
    if value is None or isinstance(value, int | float):
        return repr(value)
    return f"a JSON {_JSON_NAMES.get(type(value), 'value')}"
