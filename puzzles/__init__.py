"""Children's block puzzles in a grid world, checked on the server.

Pure Python with no Django in it, so that it can be tested and bounded on its own:
`world` parses a puzzle definition, `program` parses a Blockly program into a
small tree, `interpreter` runs the tree on the puzzle and decides success. The
course blocks call `verify()`; a result reported by the browser never counts.
"""

from puzzles.exceptions import ProgramError, PuzzleError, PuzzlesError
from puzzles.interpreter import (
    MAX_STEPS,
    Outcome,
    Reason,
    Step,
    check_solution,
    run,
    verify,
)
from puzzles.program import (
    MAX_BLOCKS,
    MAX_DEPTH,
    MAX_PROGRAM_BYTES,
    Program,
    parse_program,
)
from puzzles.world import Puzzle, puzzle_from_dict

__all__ = [
    "MAX_BLOCKS",
    "MAX_DEPTH",
    "MAX_PROGRAM_BYTES",
    "MAX_STEPS",
    "Outcome",
    "Program",
    "ProgramError",
    "Puzzle",
    "PuzzleError",
    "PuzzlesError",
    "Reason",
    "Step",
    "check_solution",
    "parse_program",
    "puzzle_from_dict",
    "run",
    "verify",
]
