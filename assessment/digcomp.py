"""The 21 DigComp 2.2 competences, read from the CSV that the courses app ships.

The CSV stays the single source: the competences' migration reads it too, so the
test and the course tags can never disagree on a code or a name.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

CSV_PATH = (
    Path(__file__).resolve().parent.parent / "courses" / "data" / "digcomp-2.2.csv"
)
LANGUAGES = ("en", "fr", "de", "nl")


@dataclass(frozen=True)
class Competence:
    """One DigComp competence, with its area and its names by language code."""

    code: str
    area: int
    titles: dict[str, str]
    area_titles: dict[str, str]

    def __hash__(self) -> int:
        return hash(self.code)


def load_competences(path: Path = CSV_PATH) -> tuple[Competence, ...]:
    """Read the competences in the CSV's order (1.1 … 5.4)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(_competence(row) for row in csv.DictReader(handle))


def _competence(row: dict[str, str]) -> Competence:
    return Competence(
        code=row["code"],
        area=int(row["area_number"]),
        titles={lang: row[f"title_{lang}"] for lang in LANGUAGES},
        area_titles={lang: row[f"area_{lang}"] for lang in LANGUAGES},
    )
