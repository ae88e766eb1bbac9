"""The French item bank file and the checks that refuse a bad bank."""

import copy
from collections import Counter
from typing import Any

import pytest

from assessment.bank import Question, load_bank, load_questions, read_questions
from assessment.digcomp import load_competences
from assessment.exceptions import BankError


@pytest.fixture(scope="module")
def questions() -> dict[str, Question]:
    return load_questions()


def test_the_competences_are_the_21_of_digcomp_2_2():
    competences = load_competences()
    assert len(competences) == 21
    assert competences[0].code == "1.1"
    assert competences[-1].code == "5.4"
    assert Counter(c.area for c in competences) == {1: 3, 2: 6, 3: 4, 4: 4, 5: 4}
    assert competences[13].titles["fr"] == "Protéger les appareils"


def test_the_bank_covers_every_competence_at_levels_1_to_4(questions):
    # Picture questions come on top of the written ones.
    cells = Counter(
        (q.competence, q.level) for q in questions.values() if q.type != "picture"
    )
    for competence in load_competences():
        assert [cells[(competence.code, level)] for level in (1, 2, 3, 4)] in (
            [2, 1, 1, 1],
            [2, 2, 1, 1],
        ), competence.code


def test_the_bank_counts(questions):
    assert len(questions) == 114
    assert Counter(q.level for q in questions.values()) == {1: 43, 2: 28, 3: 22, 4: 21}
    assert Counter(q.type for q in questions.values()) == {
        "single": 77,
        "true_false": 22,
        "order": 6,
        "multiple": 4,
        "link": 2,
        "picture": 3,
    }
    more_at_level_2 = {q.competence for q in questions.values() if q.level == 2}
    assert len(more_at_level_2) == 21


def test_the_engine_bank_mirrors_the_questions(questions):
    bank = load_bank()
    assert [item.id for item in bank.items] == list(questions)
    assert bank.item("mot-de-passe-solide").competence == "4.1"


def test_prompts_stay_short_for_plain_reading(questions):
    assert max(len(q.prompt) for q in questions.values()) <= 140
    assert max(len(a.feedback) for q in questions.values() for a in q.answers) <= 120


def test_is_right_for_choices_and_for_order(questions):
    password = questions["mot-de-passe-solide"]
    assert password.is_right([0])
    assert not password.is_right([1])
    signs = questions["signes-email-arnaque"]
    assert signs.is_right([0, 1, 2])
    assert not signs.is_right([0, 1])
    steps = questions["etapes-chercher-recette"]
    assert steps.is_right([0, 1, 2, 3])
    assert not steps.is_right([1, 0, 2, 3])


GOOD: dict[str, Any] = {
    "id": "exemple",
    "competence": "1.1",
    "level": 1,
    "type": "single",
    "prompt": "Une question ?",
    "answers": [
        {"text": "Oui", "correct": True, "feedback": "Bien."},
        {"text": "Non", "correct": False, "feedback": "Non."},
    ],
}


def changed(**fields: Any) -> dict[str, Any]:
    item = copy.deepcopy(GOOD)
    item.update(fields)
    return item


def test_a_good_item_loads():
    assert read_questions([GOOD])["exemple"].level == 1


def test_a_picture_item_names_its_picture_and_places_its_markers(questions):
    padlock = questions["cadenas-barre-adresse"]
    assert padlock.picture.src == "barre-adresse.png"
    assert padlock.picture.alt
    assert [(a.x, a.y) for a in padlock.answers] == [(13.5, 80), (24, 80), (85, 80)]
    assert padlock.is_right([1])
    assert not padlock.is_right([0])


@pytest.mark.parametrize(
    ("items", "code"),
    [
        ({"not": "a list"}, "not_a_list"),
        (["text"], "not_an_item"),
        ([changed(prompt="")], "missing_field"),
        ([changed(competence="6.1")], "unknown_competence"),
        ([changed(level=0)], "bad_level"),
        ([changed(level=9)], "bad_level"),
        ([changed(level="2")], "bad_level"),
        ([changed(level=True)], "bad_level"),
        ([changed(type="essay")], "unknown_type"),
        ([changed(answers=[{"text": "Oui", "correct": True}])], "bad_answer"),
        (
            [changed(answers=[{**a, "correct": False} for a in GOOD["answers"]])],
            "no_right_answer",
        ),
        (
            [changed(answers=[{**a, "correct": True} for a in GOOD["answers"]])],
            "several_right_answers",
        ),
        (
            [changed(type="true_false", answers=GOOD["answers"] * 2)],
            "bad_answer_count",
        ),
        ([changed(type="order", answers=GOOD["answers"])], "too_few_steps"),
        ([GOOD, changed()], "duplicate_id"),
        ([changed(type="picture", picture="a.png")], "no_picture"),
        ([changed(type="picture", picture_alt="Une image.")], "no_picture"),
        (
            [changed(type="picture", picture="a.png", picture_alt="Une image.")],
            "no_place",
        ),
        (
            [changed(answers=[{**a, "x": 120, "y": 5} for a in GOOD["answers"]])],
            "bad_place",
        ),
    ],
)
def test_the_validator_refuses_a_bad_item(items, code):
    with pytest.raises(BankError) as error:
        read_questions(items)
    assert error.value.code == code
