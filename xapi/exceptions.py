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


class StoreTooSlow(Exception):
    """A storing transaction could not commit within the bound that
    X-Experience-API-Consistent-Through rests on, in every attempt: nothing
    was stored, and the client may send the statements again."""

    code = "store_too_slow"
    status = 503

    def __init__(self):
        super().__init__("The LRS is too busy to store now: send again shortly.")


__all__ = ["InputInvalid", "StatementConflict", "StatementInvalid", "StoreTooSlow"]
