"""Errors of the puzzle module, each with a stable `code` and an English message.

The course blocks map the code to a message in the learner's or editor's
language; the English message is for logs and developers.
"""

from __future__ import annotations


class PuzzlesError(Exception):
    """Base of the module's errors: a stable code and a message."""

    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(f"{code}: {message}")


class PuzzleError(PuzzlesError):
    """A puzzle definition an editor cannot publish.

    `field` names the definition key at fault (None when the whole definition
    is), so that a Wagtail block can attach the error to the right field.
    """

    def __init__(self, code: str, message: str, *, field: str | None = None):
        self.field = field
        super().__init__(code, message)


class ProgramError(PuzzlesError):
    """A submitted program refused before it runs (malformed, hostile, not allowed).

    `block_id` is the Blockly id of the block at fault when there is one, so that
    the browser can highlight it.
    """

    def __init__(self, code: str, message: str, *, block_id: str | None = None):
        self.block_id = block_id
        super().__init__(code, message)
