"""Reading a CSV file of people to invite, as spreadsheets write them.

Columns: e-mail, first name, last name, team, and optionally job title, named
on the first line in any of the platform's languages. Excel in French separates
with semicolons and may write Windows-1252 rather than UTF-8; LibreOffice and
Excel's "CSV UTF-8" write commas or semicolons, with or without a byte-order
mark. All of those are read. Only the file's shape is checked here; each row's
content (a valid address, a known team) is the import's to judge, row by row.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from organisations.exceptions import ImportFileInvalid

MOST_BYTES = 2 * 1024 * 1024
MOST_ROWS = 5000
# Longer cells are cut: longer than any e-mail address, name or job title the
# import accepts, so that a cut one is refused, never taken for another.
CELL_LENGTH = 400

# Column names as people write them, without accents, spaces or case.
HEADERS = {
    "email": {
        "email",
        "mail",
        "courriel",
        "adresse e-mail",
        "adresse mail",
        "adresse courriel",
        "e-mail address",
        "e-mail-adresse",
        "e-mailadres",
    },
    "first_name": {"firstname", "prenom", "vorname", "voornaam", "givenname"},
    "last_name": {"lastname", "nom", "nomdefamille", "nachname", "achternaam"},
    "team": {"team", "equipe", "service", "departement", "abteilung", "dienst"},
    "job_title": {"jobtitle", "fonction", "poste", "funktion", "functie", "job"},
}
REQUIRED = ("email", "first_name", "last_name", "team")


class MemberRow(NamedTuple):
    """A row of the file, as written (trimmed); ``line`` counts from 1."""

    line: int
    email: str
    first_name: str
    last_name: str
    team: str
    job_title: str


def member_rows_read(content: bytes) -> list[MemberRow]:
    """The rows of a CSV file of people; ImportFileInvalid, saying why, if the
    file cannot be read so (too big, not text, columns missing, no rows)."""
    if len(content) > MOST_BYTES:
        raise ImportFileInvalid(
            _("The file is too big: at most %(most)s MB.")
            % {"most": MOST_BYTES // (1024 * 1024)}
        )
    text = _decoded(content)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ImportFileInvalid(_("The file is empty."))
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(lines[0]))
    try:
        rows = _rows(reader, _columns(next(reader)))
    except csv.Error:  # a cell too long, a quote never closed, a NUL character
        raise ImportFileInvalid(
            _("This is not a CSV file. Save the spreadsheet as CSV, then try again.")
        ) from None
    if not rows:
        raise ImportFileInvalid(_("The file has column names but no people."))
    return rows


def _rows(reader, columns: dict[str, int]) -> list[MemberRow]:
    rows = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue  # spreadsheets leave empty lines at the end
        if len(rows) == MOST_ROWS:
            raise ImportFileInvalid(
                _("The file has too many rows: at most %(most)s at once.")
                % {"most": MOST_ROWS}
            )
        rows.append(_member_row(reader.line_num, row, columns))
    return rows


def _decoded(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if b"\x00" in content:  # a spreadsheet (.xlsx), a PDF, an image
        raise ImportFileInvalid(
            _("This is not a CSV file. Save the spreadsheet as CSV, then try again.")
        )
    # Excel's "CSV (separator: semicolon)" in a French Windows.
    return content.decode("cp1252", errors="replace")


def _delimiter(header: str) -> str:
    return ";" if header.count(";") > header.count(",") else ","


def _normalised(name: str) -> str:
    """ "Prénom", "prenom", "PRÉNOM " and "pré-nom" are one column name."""
    without_accents = unicodedata.normalize("NFKD", name).encode("ascii", "ignore")
    return "".join(char for char in without_accents.decode().lower() if char.isalnum())


def _columns(header: list[str]) -> dict[str, int]:
    """Which column holds what, from the names on the first line."""
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _normalised(name)
        for field, names in HEADERS.items():
            if key in {_normalised(each) for each in names}:
                found.setdefault(field, index)
    missing = [field for field in REQUIRED if field not in found]
    if missing:
        raise ImportFileInvalid(
            _(
                "The first line must name the columns: email, first name, last "
                "name, team, and optionally job title (separated by commas or "
                "semicolons)."
            )
        )
    return found


def _member_row(line: int, row: list[str], columns: dict[str, int]) -> MemberRow:
    def cell(field: str) -> str:
        index = columns.get(field)
        if index is None or index >= len(row):
            return ""
        return row[index].strip()[:CELL_LENGTH]

    return MemberRow(
        line=line,
        email=cell("email"),
        first_name=cell("first_name"),
        last_name=cell("last_name"),
        team=cell("team"),
        job_title=cell("job_title"),
    )
