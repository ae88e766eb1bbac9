"""Domain errors of the LRS, each with a stable code and an HTTP status."""

from xapi.inputs import InputInvalid
from xapi.validation import StatementInvalid


class StatementConflict(Exception):
    """A statement id already stored with different content."""

    code = "statement_conflict"
    status = 409

    def __init__(self, statement_id: str):
        self.statement_id = statement_id
        super().__init__(f"Statement {statement_id} exists with different content.")


__all__ = ["InputInvalid", "StatementConflict", "StatementInvalid"]
