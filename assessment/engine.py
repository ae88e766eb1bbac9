"""The adaptive positioning test: which question comes next, and what profile.

The rule, as a facilitator can explain it
-----------------------------------------
The test goes through the five DigComp areas one after the other (1 to 5). In
each area the person climbs a ladder of levels, starting at level 1:

- A right answer at a level means that level is reached: the next question is
  one level higher.
- A wrong answer gives a second chance: another question at the same level,
  on another competence of the area when there is one.
- Two wrong answers at the same level end the area: the person's level there is
  the last level reached (0 if they missed level 1 twice). The test goes one
  step back down, to the level already shown.
- When the top level of the bank is reached (level 4 today), the area ends too:
  it is mastered as far as the test can tell.
- An area never takes more than five questions; after five the level reached so
  far is kept, marked as less certain.

So someone who answers everything right sees four questions per area (20 in
all), someone who answers everything wrong sees two per area (10 in all), and
nobody sees more than 25.

Within an area, questions rotate over its competences: the next question is
taken at the current level from the competence asked least so far, and among
equal candidates by a fixed shuffle keyed by the item ids and an optional
``seed`` (a re-test may pass another seed to see other questions).

Each competence gets its area's level, lowered to just below the lowest level at
which one of its own questions was missed: "vous savez déjà…" holds for the
area, "vous pourriez apprendre…" points at the competence that failed.

Everything here is a pure function of the bank and the answers so far, a list
of ``(item_id, correct)`` pairs: a stopped test resumes by replaying its
answers, and gives the same next question. Answers typed in afterwards from a
paper test go through the same replay, in whatever order they were given.
"""

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from assessment.digcomp import Competence

MIN_LEVEL = 1
MAX_LEVEL = 8
MAX_ITEMS_PER_AREA = 5
MISSES_TO_STOP = 2

Answer = tuple[str, bool]


@dataclass(frozen=True)
class Item:
    """What the engine needs to know of a question: its competence and level."""

    id: str
    competence: str
    level: int


@dataclass(frozen=True)
class Bank:
    """The competences tested and the items that can be asked."""

    competences: tuple[Competence, ...]
    items: tuple[Item, ...]

    @cached_property
    def _by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items}

    def item(self, item_id: str) -> Item:
        """The item with this id; KeyError names it when unknown."""
        try:
            return self._by_id[item_id]
        except KeyError:
            raise KeyError(f"No item {item_id!r} in the bank") from None

    def has(self, item_id: str) -> bool:
        """Whether the item can be asked (it is in the bank)."""
        return item_id in self._by_id

    def known(self, answers: Sequence[Answer]) -> list[Answer]:
        """The answers to items of the bank: an item unpublished or left out
        of the test since is passed over when a test is replayed."""
        return [(item_id, ok) for item_id, ok in answers if item_id in self._by_id]

    def area_of(self, competence_code: str) -> int:
        """The area number of a competence code."""
        for competence in self.competences:
            if competence.code == competence_code:
                return competence.area
        raise KeyError(f"No competence {competence_code!r}")

    @property
    def areas(self) -> tuple[int, ...]:
        """Area numbers in order, each once."""
        return tuple(sorted({competence.area for competence in self.competences}))

    def area_items(self, area: int) -> tuple[Item, ...]:
        """The items whose competence belongs to this area."""
        return tuple(
            item for item in self.items if self.area_of(item.competence) == area
        )


class AreaStatus(StrEnum):
    """Why an area's ladder has stopped, or that it has not."""

    OPEN = "open"  # more questions to come
    MASTERED = "mastered"  # top level of the bank reached
    STOPPED = "stopped"  # two misses at one level
    CAPPED = "capped"  # question budget or items ran out before a decision


@dataclass(frozen=True)
class AreaState:
    """One area's ladder after some answers."""

    area: int
    answers: tuple[tuple[Item, bool], ...]
    top: int  # highest level the bank has in this area

    @property
    def reached(self) -> int:
        """Highest level answered right, 0 when none."""
        return max((item.level for item, ok in self.answers if ok), default=0)

    @property
    def rung(self) -> int:
        """The level of the next question: one above the level reached."""
        return self.reached + 1

    @property
    def misses_at_rung(self) -> int:
        """Wrong answers at the current rung."""
        return sum(1 for item, ok in self.answers if not ok and item.level == self.rung)

    def status(self, bank: Bank) -> AreaStatus:
        """Whether the ladder continues, and if not why it stopped."""
        if self.top and self.rung > self.top:
            return AreaStatus.MASTERED
        if self.misses_at_rung >= MISSES_TO_STOP:
            return AreaStatus.STOPPED
        if len(self.answers) >= MAX_ITEMS_PER_AREA or not _candidates(bank, self):
            return AreaStatus.CAPPED
        return AreaStatus.OPEN


def replay(bank: Bank, answers: Sequence[Answer]) -> tuple[AreaState, ...]:
    """Rebuild every area's ladder from the answers; refuse an item asked twice."""
    seen: set[str] = set()
    by_area: dict[int, list[tuple[Item, bool]]] = {area: [] for area in bank.areas}
    for item_id, correct in answers:
        if item_id in seen:
            raise ValueError(f"Item {item_id!r} answered twice")
        seen.add(item_id)
        item = bank.item(item_id)
        by_area[bank.area_of(item.competence)].append((item, bool(correct)))
    return tuple(
        AreaState(area=area, answers=tuple(given), top=_top_level(bank, area))
        for area, given in by_area.items()
    )


def next_item(bank: Bank, answers: Sequence[Answer], *, seed: str = "") -> Item | None:
    """The next question to ask, or None when the test is over."""
    for state in replay(bank, answers):
        if state.status(bank) is AreaStatus.OPEN:
            return _pick(bank, state, seed)
    return None


@dataclass(frozen=True)
class AreaResult:
    """The level of one area, how it was decided and on how many questions."""

    area: int
    level: int
    status: AreaStatus
    asked: int
    right: int

    @property
    def settled(self) -> bool:
        """True when the rule decided (mastered or two misses), not the budget."""
        return self.status in (AreaStatus.MASTERED, AreaStatus.STOPPED)


@dataclass(frozen=True)
class CompetenceResult:
    """The level of one competence; ``measured`` when it had its own questions."""

    code: str
    area: int
    level: int
    asked: int
    right: int

    @property
    def measured(self) -> bool:
        """True when a question of this competence itself was answered."""
        return self.asked > 0

    @property
    def reached(self) -> bool:
        """True when at least level 1 is held for this competence."""
        return self.level >= MIN_LEVEL


@dataclass(frozen=True)
class Profile:
    """The result of a test, complete or so far: areas and competences."""

    areas: tuple[AreaResult, ...]
    competences: tuple[CompetenceResult, ...]
    complete: bool

    def area(self, number: int) -> AreaResult:
        """The result of one area."""
        return next(result for result in self.areas if result.area == number)

    def competence(self, code: str) -> CompetenceResult:
        """The result of one competence."""
        return next(result for result in self.competences if result.code == code)

    @property
    def asked(self) -> int:
        """Number of questions answered."""
        return sum(result.asked for result in self.areas)


def profile(bank: Bank, answers: Sequence[Answer]) -> Profile:
    """The levels per area and per competence that these answers show."""
    states = {state.area: state for state in replay(bank, answers)}
    areas = tuple(_area_result(bank, state) for state in states.values())
    competences = tuple(
        _competence_result(competence, states[competence.area])
        for competence in bank.competences
    )
    complete = all(result.status is not AreaStatus.OPEN for result in areas)
    return Profile(areas=areas, competences=competences, complete=complete)


def _area_result(bank: Bank, state: AreaState) -> AreaResult:
    return AreaResult(
        area=state.area,
        level=state.reached,
        status=state.status(bank),
        asked=len(state.answers),
        right=_count_right(state.answers),
    )


def _competence_result(competence: Competence, state: AreaState) -> CompetenceResult:
    own = [
        (item, ok) for item, ok in state.answers if item.competence == competence.code
    ]
    missed = [item.level for item, ok in own if not ok]
    # A miss on this competence caps it below that level, even when the area
    # went higher on its other competences: that is where to learn next.
    level = min([state.reached, *(level - 1 for level in missed)])
    return CompetenceResult(
        code=competence.code,
        area=competence.area,
        level=max(level, 0),
        asked=len(own),
        right=_count_right(own),
    )


def _count_right(answers: Iterable[tuple[Item, bool]]) -> int:
    return sum(1 for _, ok in answers if ok)


def _top_level(bank: Bank, area: int) -> int:
    return max((item.level for item in bank.area_items(area)), default=0)


def _candidates(bank: Bank, state: AreaState) -> list[Item]:
    asked = {item.id for item, _ in state.answers}
    return [
        item
        for item in bank.area_items(state.area)
        if item.level == state.rung and item.id not in asked
    ]


def _pick(bank: Bank, state: AreaState, seed: str) -> Item:
    asked_per_competence: dict[str, int] = {}
    for item, _ in state.answers:
        asked_per_competence[item.competence] = (
            asked_per_competence.get(item.competence, 0) + 1
        )
    return min(
        _candidates(bank, state),
        key=lambda item: (
            asked_per_competence.get(item.competence, 0),
            _shuffle_key(seed, item.id),
        ),
    )


def _shuffle_key(seed: str, item_id: str) -> str:
    # A hash rather than random.Random so that the order depends only on the
    # seed and the id: replaying the same answers picks the same item.
    return hashlib.sha256(f"{seed}:{item_id}".encode()).hexdigest()
