"""The item bank in use, read once per process from the data file."""

from __future__ import annotations

import functools

from assessment.bank import Question, bank_from, load_questions
from assessment.engine import Bank


@functools.cache
def questions() -> dict[str, Question]:
    """The questions by id (French, from assessment/data/items_fr.json)."""
    return load_questions()


@functools.cache
def bank() -> Bank:
    """The engine's view of the same questions."""
    return bank_from(questions())
