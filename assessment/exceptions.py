"""Errors of the positioning test, each with a stable ``code`` for callers."""


class BankError(ValueError):
    """An item bank file that cannot be used, and which item is at fault."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
