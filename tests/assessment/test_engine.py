"""The adaptive rule on fixed answer sequences, over the real French bank."""

import hashlib
from collections.abc import Callable

import pytest

from assessment.bank import load_bank
from assessment.engine import (
    MAX_ITEMS_PER_AREA,
    AreaStatus,
    Bank,
    Item,
    next_item,
    profile,
    replay,
)

Oracle = Callable[[Item], bool]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def take_test(bank: Bank, oracle: Oracle, *, seed: str = "") -> list[tuple[str, bool]]:
    """Answer every question the engine asks as the oracle says, to the end."""
    answers: list[tuple[str, bool]] = []
    while (item := next_item(bank, answers, seed=seed)) is not None:
        answers.append((item.id, oracle(item)))
        # Guard against a loop: nothing should ever come close to this.
        assert len(answers) <= len(bank.items)
    return answers


def area_of(item: Item) -> int:
    return int(item.competence.split(".")[0])


def test_all_right_reaches_level_4_everywhere_in_at_most_25_items(bank):
    answers = take_test(bank, lambda item: True)
    result = profile(bank, answers)
    assert len(answers) == 20
    assert result.complete
    assert [area.level for area in result.areas] == [4, 4, 4, 4, 4]
    assert {area.status for area in result.areas} == {AreaStatus.MASTERED}
    assert {competence.level for competence in result.competences} == {4}


def test_all_right_starts_easy_and_climbs_one_level_per_answer(bank):
    answers = take_test(bank, lambda item: True)
    levels = [bank.item(item_id).level for item_id, _ in answers]
    assert levels == [1, 2, 3, 4] * 5


def test_all_wrong_stops_after_two_questions_per_area(bank):
    answers = take_test(bank, lambda item: False)
    result = profile(bank, answers)
    assert len(answers) == 10
    assert [area.level for area in result.areas] == [0, 0, 0, 0, 0]
    assert {area.status for area in result.areas} == {AreaStatus.STOPPED}
    assert all(area.settled for area in result.areas)
    assert not any(competence.reached for competence in result.competences)


def test_right_in_areas_1_and_4_wrong_elsewhere(bank):
    answers = take_test(bank, lambda item: area_of(item) in (1, 4))
    result = profile(bank, answers)
    assert len(answers) == 4 + 2 + 2 + 4 + 2
    assert [area.level for area in result.areas] == [4, 0, 0, 4, 0]
    assert {c.code for c in result.competences if c.level == 4} == {
        "1.1",
        "1.2",
        "1.3",
        "4.1",
        "4.2",
        "4.3",
        "4.4",
    }


def test_alternating_answers_hit_the_area_cap_and_keep_the_level_reached(bank):
    # Right, wrong, right, wrong, right: levels 1, 2, 2, 3, 3 in each area.
    def alternate(item: Item) -> bool:
        asked_in_area = sum(
            1 for item_id, _ in answers if area_of(bank.item(item_id)) == area_of(item)
        )
        return asked_in_area % 2 == 0

    answers: list[tuple[str, bool]] = []
    while (item := next_item(bank, answers)) is not None:
        answers.append((item.id, alternate(item)))
    result = profile(bank, answers)
    assert len(answers) == 5 * MAX_ITEMS_PER_AREA
    assert [area.level for area in result.areas] == [3, 3, 3, 3, 3]
    assert {area.status for area in result.areas} == {AreaStatus.CAPPED}
    assert not any(area.settled for area in result.areas)


def test_a_second_chance_goes_to_another_competence_of_the_area(bank):
    first = next_item(bank, [])
    second = next_item(bank, [(first.id, False)])
    assert (first.level, second.level) == (1, 1)
    assert area_of(first) == area_of(second) == 1
    assert first.competence != second.competence


def test_a_missed_competence_stays_below_the_level_it_missed(bank):
    answers: list[tuple[str, bool]] = []
    missed: Item | None = None
    while (item := next_item(bank, answers)) is not None and area_of(item) == 1:
        wrong = item.level == 3 and missed is None
        missed = item if wrong else missed
        answers.append((item.id, not wrong))
    result = profile(bank, answers)
    assert missed is not None
    assert result.area(1).level == 4
    assert result.competence(missed.competence).level == 2
    assert not result.complete


def test_resuming_by_replaying_the_answers_gives_the_same_next_item(bank):
    full = take_test(bank, lambda item: area_of(item) != 3)
    for cut in range(len(full)):
        resumed = next_item(bank, list(full[:cut]))
        assert resumed is not None
        assert resumed.id == full[cut][0]


def test_paper_answers_typed_in_any_order_give_the_same_profile(bank):
    answers = take_test(bank, lambda item: area_of(item) in (2, 5))
    assert profile(bank, list(reversed(answers))) == profile(bank, answers)


def test_a_seed_changes_the_questions_but_not_the_rule(bank):
    plain = take_test(bank, lambda item: True)
    seeded = take_test(bank, lambda item: True, seed="retest-2")
    assert [i for i, _ in plain] != [i for i, _ in seeded]
    assert len(plain) == len(seeded)
    assert profile(bank, plain).areas == profile(bank, seeded).areas


@pytest.mark.parametrize("seed", [str(n) for n in range(40)])
def test_never_asks_an_item_twice_and_always_terminates(bank, seed):
    # A pseudo-random person, fixed by the seed: right when the hash is even.
    def person(item: Item) -> bool:
        return hashlib.sha256(f"{seed}/{item.id}".encode()).digest()[0] % 2 == 0

    answers = take_test(bank, person, seed=seed)
    ids = [item_id for item_id, _ in answers]
    assert len(ids) == len(set(ids))
    assert len(answers) <= 25
    assert profile(bank, answers).complete


def test_replay_refuses_an_item_answered_twice(bank):
    item = next_item(bank, [])
    with pytest.raises(ValueError, match="answered twice"):
        replay(bank, [(item.id, True), (item.id, False)])


def test_replay_refuses_an_unknown_item(bank):
    with pytest.raises(KeyError, match="no-such-item"):
        replay(bank, [("no-such-item", True)])


def test_an_area_without_items_is_skipped():
    small = load_bank()
    only_area_1 = Bank(
        competences=small.competences,
        items=tuple(item for item in small.items if area_of(item) == 1),
    )
    answers = take_test(only_area_1, lambda item: True)
    result = profile(only_area_1, answers)
    assert len(answers) == 4
    assert result.complete
    assert [area.level for area in result.areas] == [4, 0, 0, 0, 0]
    assert result.area(2).status is AreaStatus.CAPPED
