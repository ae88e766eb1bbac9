"""Build Blockly programs (their JSON serialization) in a line each, for tests."""

from __future__ import annotations

from typing import Any

Block = dict[str, Any]


def program(*stack: Block) -> dict[str, Any]:
    """A workspace holding one stack, as `Blockly.serialization.workspaces.save`."""
    return {"blocks": {"languageVersion": 0, "blocks": [chain(stack)]}}


def workspace(*stacks: tuple[Block, ...]) -> dict[str, Any]:
    """A workspace holding several separate stacks."""
    return {"blocks": {"languageVersion": 0, "blocks": [chain(s) for s in stacks]}}


def chain(blocks: tuple[Block, ...] | list[Block]) -> Block | None:
    """Link blocks through `next`, built from the end so any length works."""
    head: Block | None = None
    for block in reversed(blocks):
        block = dict(block)
        if head is not None:
            block["next"] = {"block": head}
        head = block
    return head


def _with_id(block: Block, block_id: str | None) -> Block:
    if block_id is not None:
        block["id"] = block_id
    return block


def move(block_id: str | None = None) -> Block:
    return _with_id({"type": "maze_move_forward"}, block_id)


def turn(direction: Any, block_id: str | None = None) -> Block:
    return _with_id({"type": "maze_turn", "fields": {"DIR": direction}}, block_id)


def left() -> Block:
    return turn("left")


def right() -> Block:
    return turn("right")


def collect(block_id: str | None = None) -> Block:
    return _with_id({"type": "maze_collect"}, block_id)


def _inputs(**stacks: tuple[Block, ...]) -> dict[str, Any]:
    return {name: {"block": chain(body)} for name, body in stacks.items() if body}


def repeat(times: Any, *body: Block) -> Block:
    return {
        "type": "maze_repeat",
        "fields": {"TIMES": times},
        "inputs": _inputs(DO=body),
    }


def until_goal(*body: Block) -> Block:
    return {"type": "maze_repeat_until_goal", "inputs": _inputs(DO=body)}


def if_(condition: Any, *body: Block) -> Block:
    return {
        "type": "maze_if",
        "fields": {"COND": condition},
        "inputs": _inputs(DO=body),
    }


def if_else(
    condition: Any, body: tuple[Block, ...], orelse: tuple[Block, ...]
) -> Block:
    return {
        "type": "maze_if_else",
        "fields": {"COND": condition},
        "inputs": _inputs(DO=body, ELSE=orelse),
    }
