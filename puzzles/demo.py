"""The demo puzzles of the course "Premiers pas en code", kept as data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from puzzles.world import Puzzle, puzzle_from_dict

DEMO_PUZZLES_PATH = Path(__file__).parent / "data" / "demo_puzzles.json"


def demo_puzzle_definitions() -> list[dict[str, Any]]:
    """The demo puzzles as an editor would store them, in course order."""
    with DEMO_PUZZLES_PATH.open(encoding="utf-8") as file:
        return json.load(file)["puzzles"]


def demo_puzzles() -> list[Puzzle]:
    """The demo puzzles, validated (not yet checked for solvability)."""
    return [puzzle_from_dict(definition) for definition in demo_puzzle_definitions()]
