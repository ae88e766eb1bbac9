"""Read and check an item bank file, and give the engine its bank.

The file is a JSON list of items. Every item has an ``id`` (a stable slug that
answers refer to), a ``competence`` code, a ``level``, a ``type``, a ``prompt``
and ``answers``, each answer with its ``text`` and ``feedback``:

- ``single``, ``true_false`` and ``link`` (pick the safe link among link texts):
  exactly one answer has ``"correct": true``;
- ``multiple``: at least one answer is correct;
- ``order`` (put the steps in order): the answers are the steps in the right
  order, shown shuffled; there is no ``correct`` flag;
- ``picture`` (find it in a picture): the item names a ``picture`` (a PNG file
  in ``data/pictures/``) and its ``picture_alt``; each answer is a marker on
  it, placed by ``x`` and ``y`` (percent of the width and height from the top
  left corner), and exactly one is correct.

A bad file stops with a ``BankError`` naming the item and what is wrong, so that
a content editor can fix it without reading Python.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessment.digcomp import Competence, load_competences
from assessment.engine import MAX_LEVEL, MIN_LEVEL, Bank, Item
from assessment.exceptions import BankError

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "items_fr.json"
ONE_RIGHT = frozenset({"single", "true_false", "link"})
TYPES = ONE_RIGHT | {"multiple", "order", "picture"}
REQUIRED = ("id", "competence", "level", "type", "prompt", "answers")
MIN_STEPS = 3


@dataclass(frozen=True)
class Answer:
    """One answer (or one step of an ``order`` item) with its feedback."""

    text: str
    feedback: str
    correct: bool = False
    # Where the marker of a picture question's answer is, in percent.
    x: float | None = None
    y: float | None = None


@dataclass(frozen=True)
class Picture:
    """The picture of a picture question: a file name in the data file, an
    image URL with its size once the item is in the database."""

    src: str
    alt: str
    width: int = 0
    height: int = 0


@dataclass(frozen=True)
class Question:
    """What a page shows for an item: its prompt, answers and feedback."""

    id: str
    competence: str
    level: int
    type: str
    prompt: str
    answers: tuple[Answer, ...]
    picture: Picture | None = None

    def is_right(self, chosen: Sequence[int]) -> bool:
        """Whether the chosen answer indexes (or step order) are right."""
        if self.type == "order":
            return list(chosen) == list(range(len(self.answers)))
        right = {i for i, answer in enumerate(self.answers) if answer.correct}
        return set(chosen) == right


def load_questions(path: Path = DEFAULT_PATH) -> dict[str, Question]:
    """The checked questions of a bank file, by id, in file order."""
    return read_questions(json.loads(path.read_text(encoding="utf-8")))


def load_bank(path: Path = DEFAULT_PATH) -> Bank:
    """The engine's bank built from a checked bank file."""
    return bank_from(load_questions(path))


def bank_from(questions: Mapping[str, Question]) -> Bank:
    """The engine's view of checked questions: ids, competences and levels."""
    items = tuple(
        Item(id=q.id, competence=q.competence, level=q.level)
        for q in questions.values()
    )
    return Bank(competences=load_competences(), items=items)


def read_questions(
    raw: Any, competences: Sequence[Competence] | None = None
) -> dict[str, Question]:
    """Check parsed bank data and turn it into questions; BankError if bad."""
    if not isinstance(raw, list):
        raise BankError("not_a_list", "The bank file must hold a list of items.")
    codes = {c.code for c in competences or load_competences()}
    questions: dict[str, Question] = {}
    for position, data in enumerate(raw, start=1):
        question = _question(data, position, codes)
        if question.id in questions:
            raise BankError("duplicate_id", f"Item {question.id!r} appears twice.")
        questions[question.id] = question
    return questions


def _question(data: Any, position: int, codes: set[str]) -> Question:
    if not isinstance(data, dict):
        raise BankError("not_an_item", f"Item #{position} is not an object.")
    name = f"Item {data.get('id', f'#{position}')!r}"
    # Level 0 is a bad level, not a missing one: test emptiness, not falsiness.
    missing = [key for key in REQUIRED if data.get(key) in (None, "", [])]
    if missing:
        raise BankError("missing_field", f"{name} lacks {', '.join(missing)}.")
    if data["competence"] not in codes:
        raise BankError(
            "unknown_competence",
            f"{name}: {data['competence']!r} is not a DigComp 2.2 competence.",
        )
    level = data["level"]
    valid = isinstance(level, int) and not isinstance(level, bool)
    if not valid or not MIN_LEVEL <= level <= MAX_LEVEL:
        raise BankError(
            "bad_level", f"{name}: level {level!r} is not in {MIN_LEVEL}-{MAX_LEVEL}."
        )
    if data["type"] not in TYPES:
        raise BankError("unknown_type", f"{name}: unknown type {data['type']!r}.")
    picture = None
    if data["type"] == "picture":
        if not data.get("picture") or not data.get("picture_alt"):
            raise BankError(
                "no_picture", f"{name}: a picture item needs picture and picture_alt."
            )
        picture = Picture(src=data["picture"], alt=data["picture_alt"])
    answers = tuple(_answer(answer, name) for answer in data["answers"])
    _check_answers(data["type"], answers, name)
    return Question(
        id=data["id"],
        competence=data["competence"],
        level=level,
        type=data["type"],
        prompt=data["prompt"],
        answers=answers,
        picture=picture,
    )


def _answer(data: Any, name: str) -> Answer:
    if not isinstance(data, dict) or not data.get("text") or not data.get("feedback"):
        raise BankError(
            "bad_answer", f"{name}: every answer needs a text and a feedback."
        )
    place = {}
    for axis in ("x", "y"):
        value = data.get(axis)
        if value is not None:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise BankError("bad_place", f"{name}: {axis} must be a number.")
            if not 0 <= value <= 100:
                raise BankError("bad_place", f"{name}: {axis} must be 0 to 100.")
            place[axis] = float(value)
    return Answer(
        text=data["text"],
        feedback=data["feedback"],
        correct=bool(data.get("correct")),
        **place,
    )


def _check_answers(kind: str, answers: tuple[Answer, ...], name: str) -> None:
    right = sum(1 for answer in answers if answer.correct)
    if kind == "order":
        if len(answers) < MIN_STEPS:
            raise BankError("too_few_steps", f"{name}: an order item needs 3 steps.")
        return
    if len(answers) < 2 or (kind == "true_false" and len(answers) != 2):
        raise BankError("bad_answer_count", f"{name}: wrong number of answers.")
    if right == 0:
        raise BankError("no_right_answer", f"{name}: no answer is marked correct.")
    if (kind in ONE_RIGHT or kind == "picture") and right != 1:
        raise BankError(
            "several_right_answers", f"{name}: exactly one answer must be correct."
        )
    if kind == "picture" and any(a.x is None or a.y is None for a in answers):
        raise BankError("no_place", f"{name}: every marker needs its x and y.")
