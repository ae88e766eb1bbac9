"""CSV files that a spreadsheet opens as data, never as formulas (CSV injection).

Every CSV file of the platform is written through ``writer``: names, titles and
addresses come from people, and a cell such as ``=HYPERLINK("http://x")`` would
run in the spreadsheet of whoever opens the file. Following OWASP's guidance
(https://owasp.org/www-community/attacks/CSV_Injection), a text cell that starts
with a character a spreadsheet reads as the start of a formula gets a single
quote in front of it, which shows it as text.

Only text is escaped. Numbers the platform writes itself (``int``, ``float``,
``Decimal``: a negative longitude, a count) are written as they are, so that they
stay numbers in the spreadsheet; code that writes a number must therefore pass the
number, not its text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

# OWASP's list, and the full-width forms that some spreadsheets (and Japanese or
# Chinese input methods) also take for =, +, - and @.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def safe_cell(value: Any) -> Any:
    """The cell to write: text that a spreadsheet would run is quoted as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """A ``csv.writer`` whose every cell goes through ``safe_cell``."""

    def __init__(self, file, **kwargs):
        self._writer = csv.writer(file, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(file, **kwargs) -> SafeWriter:
    """Like ``csv.writer``, for files that people open in a spreadsheet."""
    return SafeWriter(file, **kwargs)
