"""Classes: a partner's member makes a class, adds children with their cards
and the guardians' consent confirmed, gives it a course, and reads its
progress puzzle by puzzle from what the children really ran."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from classes import exceptions, selectors, services
from classes.models import ChildrenAdded, ClassChild, Classroom
from common.idempotency import FormAlreadySent
from courses.models import CoursePage, LessonPage, ModulePage
from learners import login_cards
from learners import services as learning
from learners import statements as xs
from learners.exceptions import ProgramRefused
from learners.models import Enrolment, LessonProgress, LoginCard, User
from tests.classes.factories import children_of
from tests.factories import program
from xapi.models import Statement

pytestmark = pytest.mark.django_db

FORWARD = {"type": "maze_move_forward"}
RIGHT = {"type": "maze_turn", "fields": {"DIR": "right"}}


def test_a_member_makes_a_class_for_their_partner(school, teacher):
    classroom = services.classroom_create(
        organiser=school.organiser, created_by=teacher, name="  5e B "
    )

    assert classroom.name == "5e B"
    assert classroom.organiser == school.organiser
    assert classroom.created_by == teacher
    assert classroom.course is None


def test_a_member_of_another_partner_makes_no_class_for_it(school, coach):
    with pytest.raises(exceptions.NotPartnerMember):
        services.classroom_create(
            organiser=school.organiser, created_by=coach, name="5e B"
        )

    assert not Classroom.objects.exists()


def test_the_class_form_sent_twice_makes_one_class(school, teacher, coach):
    token = "6a3f2a36-6f0a-4c5e-9a57-2a4c1d1b3e01"
    first = services.classroom_create(
        organiser=school.organiser, created_by=teacher, name="5e B", form_token=token
    )
    again = services.classroom_create(
        organiser=school.organiser, created_by=teacher, name="5e B", form_token=token
    )

    assert again == first
    assert Classroom.objects.count() == 1
    with pytest.raises(FormAlreadySent):  # the same token with other details
        services.classroom_create(
            organiser=school.organiser, created_by=teacher, name="6e", form_token=token
        )


def test_children_get_accounts_without_email_and_cards_that_sign_them_in(
    classroom, teacher
):
    cards = children_of(classroom, teacher, "Zoé", "", "  Noah  ", "Inès")

    assert sorted(cards) == ["Inès", "Noah", "Zoé"]
    children = User.objects.filter(class_places__classroom=classroom)
    assert children.count() == 3
    for child in children:
        assert child.email is None
        assert (child.phone, child.postal_code, child.age_band) == ("", "", "")
        assert not child.has_usable_password()
        card = cards[child.display_name]
        assert login_cards.card_check(code=card.card.code, pin=card.pin).user == child
        assert login_cards.card_by_link(link_key=card.link_key).user == child
    addition = ChildrenAdded.objects.get()
    assert addition.added_by == teacher
    assert addition.guardian_consent_confirmed
    assert addition.children.count() == 3


def test_without_the_guardians_consent_no_account_is_made(classroom, teacher):
    with pytest.raises(exceptions.GuardianConsentMissing):
        services.children_add(
            classroom=classroom,
            added_by=teacher,
            names=["Zoé"],
            guardian_consent=False,
        )

    assert not User.objects.filter(display_name="Zoé").exists()
    assert not ChildrenAdded.objects.exists()


def test_no_names_no_children(classroom, teacher):
    with pytest.raises(exceptions.NoChildNames):
        services.children_add(
            classroom=classroom,
            added_by=teacher,
            names=["", "  "],
            guardian_consent=True,
        )


def test_a_class_takes_at_most_forty_children(classroom, teacher):
    children_of(classroom, teacher, *[f"Enfant {n}" for n in range(38)])

    with pytest.raises(exceptions.TooManyChildren):
        children_of(classroom, teacher, "Un", "Deux", "Trois")

    assert classroom.children.count() == 38


def test_the_children_form_sent_twice_adds_them_once(classroom, teacher):
    token = "0b8e6c1e-3a43-4f5f-8f5c-54b5b6a3a7a2"

    for _time in range(2):
        services.children_add(
            classroom=classroom,
            added_by=teacher,
            names=["Zoé", "Noah"],
            guardian_consent=True,
            form_token=token,
        )

    assert classroom.children.count() == 2
    assert User.objects.filter(display_name="Zoé").count() == 1


def test_a_course_enrols_every_child_and_every_child_added_later(
    classroom, teacher, code_course
):
    children_of(classroom, teacher, "Zoé", "Noah")

    services.course_assign(classroom=classroom, course=code_course)
    children_of(classroom, teacher, "Inès")

    classroom.refresh_from_db()
    assert classroom.course.specific == code_course
    enrolled = Enrolment.objects.filter(course=code_course)
    assert sorted(e.user.display_name for e in enrolled) == ["Inès", "Noah", "Zoé"]


def test_new_cards_for_the_class_stop_the_old_ones(classroom, teacher):
    old = children_of(classroom, teacher, "Zoé", "Noah")

    new = services.cards_reissue(classroom=classroom, issued_by=teacher)

    assert len(new) == 2
    for card in old.values():
        assert login_cards.card_check(code=card.card.code, pin=card.pin) is None
        assert login_cards.card_by_link(link_key=card.link_key) is None
    for child, card in new:
        assert login_cards.card_check(code=card.card.code, pin=card.pin).user == (
            child.learner
        )


def _run(child: User, lesson: LessonPage, index: int, *blocks) -> None:
    puzzle_id = list(lesson.puzzles)[index]
    learning.puzzle_run(
        user=child,
        lesson=lesson,
        puzzle_id=puzzle_id,
        program=json.dumps(program(*blocks)),
    )


def _class_with_runs(classroom, teacher, code_course):
    """Zoé solves the first corridor with a star then is stuck on the second;
    Noah solves the last one (no star to earn); Inès has not started."""
    children_of(classroom, teacher, "Zoé", "Noah", "Inès")
    services.course_assign(classroom=classroom, course=code_course)
    first = LessonPage.objects.descendant_of(code_course).get(title="Premiers pas")
    last = LessonPage.objects.descendant_of(code_course).get(title="Plus loin")
    zoe = User.objects.get(display_name="Zoé")
    noah = User.objects.get(display_name="Noah")
    _run(zoe, first, 0, FORWARD, FORWARD)
    _run(zoe, first, 1, RIGHT, FORWARD)
    _run(noah, last, 0, FORWARD, FORWARD)
    with pytest.raises(ProgramRefused):  # refused before running: not a try
        _run(noah, first, 0)


def test_the_progress_says_who_solved_tried_or_not_started_each_puzzle(
    classroom, teacher, code_course
):
    _class_with_runs(classroom, teacher, code_course)

    progress = selectors.class_progress(classroom=classroom)

    assert [(c.number, c.title, c.lesson_title) for c in progress.columns] == [
        (1, "Couloir 1", "Premiers pas"),
        (2, "Couloir 2", "Premiers pas"),
        (3, "Sans étoile", "Plus loin"),
    ]
    table = {
        row.child.learner.display_name: [(c.state, c.star) for c in row.cells]
        for row in progress.rows
    }
    solved, tried, none = selectors.SOLVED, selectors.TRIED, selectors.NOT_STARTED
    assert table == {
        "Zoé": [(solved, True), (tried, False), (none, False)],
        "Noah": [(none, False), (none, False), (solved, False)],
        "Inès": [(none, False), (none, False), (none, False)],
    }
    assert [row.child.learner.display_name for row in progress.rows] == [
        "Inès",
        "Noah",
        "Zoé",
    ]
    by_name = {row.child.learner.display_name: row for row in progress.rows}
    assert by_name["Zoé"].stuck_at.title == "Couloir 2"
    assert by_name["Zoé"].solved == 1
    assert by_name["Noah"].stuck_at is None


def test_a_puzzle_solved_after_a_failure_is_solved(classroom, teacher, code_course):
    _class_with_runs(classroom, teacher, code_course)
    first = LessonPage.objects.descendant_of(code_course).get(title="Premiers pas")
    _run(User.objects.get(display_name="Zoé"), first, 1, FORWARD, FORWARD)

    progress = selectors.class_progress(classroom=classroom)

    zoe = next(r for r in progress.rows if r.child.learner.display_name == "Zoé")
    assert zoe.cells[1].state == selectors.SOLVED
    assert zoe.stuck_at is None


def test_the_progress_of_another_class_or_course_does_not_count(
    classroom, teacher, school, code_course, course
):
    _class_with_runs(classroom, teacher, code_course)
    other = services.classroom_create(
        organiser=school.organiser, created_by=teacher, name="6e"
    )
    children_of(other, teacher, "Léon")
    services.course_assign(classroom=other, course=code_course)

    progress = selectors.class_progress(classroom=other)

    assert [row.child.learner.display_name for row in progress.rows] == ["Léon"]
    assert {cell.state for cell in progress.rows[0].cells} == {selectors.NOT_STARTED}
    services.course_assign(classroom=classroom, course=course)  # no puzzle in it
    assert selectors.class_progress(classroom=classroom).columns == []


def test_the_progress_costs_the_same_queries_for_three_children_or_thirty(
    classroom, teacher, code_course
):
    _class_with_runs(classroom, teacher, code_course)
    selectors.class_progress(classroom=classroom)  # the site's paths, read once
    with CaptureQueriesContext(connection) as few:
        selectors.class_progress(classroom=classroom)
    children_of(classroom, teacher, *[f"Enfant {n}" for n in range(27)])

    with CaptureQueriesContext(connection) as many:
        selectors.class_progress(classroom=classroom)

    assert len(many) == len(few) <= 5


def test_a_child_removed_from_the_platform_leaves_the_class(classroom, teacher):
    children_of(classroom, teacher, "Zoé", "Noah")

    learning.learner_erase(user=User.objects.get(display_name="Zoé"))

    assert [c.learner.display_name for c in ClassChild.objects.all()] == ["Noah"]


def test_a_childs_data_export_names_their_class(classroom, teacher):
    children_of(classroom, teacher, "Zoé")

    data = learning.learner_data_export(user=User.objects.get(display_name="Zoé"))

    [place] = data["classes"]
    assert place["class"] == "5e B"
    assert place["partner"] == "École du Centre"


def test_the_progress_has_a_column_for_each_python_exercise_too(
    classroom, teacher, course_builder
):
    course = course_builder._publish(
        course_builder.catalogue, CoursePage(title="Python", summary="Coder.")
    )
    module = course_builder._publish(course, ModulePage(title="Module"))
    lesson = course_builder.exercise_lesson(module, title="Bonjour")
    children_of(classroom, teacher, "Zoé", "Noah", "Inès")
    services.course_assign(classroom=classroom, course=course)
    [exercise_id] = lesson.exercises
    zoe, noah, ines = (
        User.objects.get(display_name=name) for name in ["Zoé", "Noah", "Inès"]
    )
    learning.exercise_report(
        user=zoe, lesson=lesson, exercise_id=exercise_id, code="", passed=[True] * 3
    )
    learning.exercise_report(
        user=noah, lesson=lesson, exercise_id=exercise_id, code="", passed=[False] * 3
    )
    learning.exercise_hint_reveal(user=ines, lesson=lesson, exercise_id=exercise_id)

    progress = selectors.class_progress(classroom=classroom)

    assert [column.title for column in progress.columns] == ["Dire bonjour"]
    states = {
        row.child.learner.display_name: row.cells[0].state for row in progress.rows
    }
    assert states == {
        "Zoé": selectors.SOLVED,
        "Noah": selectors.TRIED,
        "Inès": selectors.NOT_STARTED,  # a hint read, nothing run yet
    }


def _what_is_left_of(person: User) -> dict:
    """What the platform still holds of a person, model by model."""
    agent = xs.agent_of(person)
    return {
        "account": User.objects.filter(id=person.id).count(),
        "enrolments": Enrolment.objects.filter(user_id=person.id).count(),
        "progress": LessonProgress.objects.filter(enrolment__user_id=person.id).count(),
        "statements": Statement.objects.filter(data__actor=agent).count(),
        "cards": LoginCard.objects.filter(user_id=person.id).count(),
        "places": ClassChild.objects.filter(learner_id=person.id).count(),
    }


NOTHING = dict.fromkeys(
    ["account", "enrolments", "progress", "statements", "cards", "places"], 0
)


def test_removing_a_child_erases_their_account_and_everything_of_theirs(
    classroom, teacher, code_course
):
    _class_with_runs(classroom, teacher, code_course)
    zoe = User.objects.get(display_name="Zoé")
    noah = User.objects.get(display_name="Noah")
    noah_before = _what_is_left_of(noah)
    assert _what_is_left_of(zoe)["statements"] > 0
    assert _what_is_left_of(zoe)["progress"] > 0

    removed = services.child_remove(
        child=classroom.children.get(learner=zoe), removed_by=teacher
    )

    assert removed.learner.display_name == "Zoé"
    assert _what_is_left_of(zoe) == NOTHING
    assert _what_is_left_of(noah) == noah_before
    assert [
        row.child.learner for row in selectors.class_progress(classroom=classroom).rows
    ] == [User.objects.get(display_name="Inès"), noah]


def test_a_removed_childs_card_no_longer_signs_in_and_the_others_do(classroom, teacher):
    cards = children_of(classroom, teacher, "Zoé", "Noah")

    services.child_remove(
        child=classroom.children.get(learner__display_name="Zoé"), removed_by=teacher
    )

    zoe, noah = cards["Zoé"], cards["Noah"]
    assert login_cards.card_check(code=zoe.card.code, pin=zoe.pin) is None
    assert login_cards.card_by_link(link_key=zoe.link_key) is None
    assert login_cards.card_check(code=noah.card.code, pin=noah.pin) is not None


def test_a_child_removed_twice_is_erased_once(classroom, teacher):
    children_of(classroom, teacher, "Zoé")
    child = classroom.children.get()
    services.child_remove(child=child, removed_by=teacher)

    with pytest.raises(exceptions.ChildNotInClass):
        services.child_remove(child=child, removed_by=teacher)


def test_a_member_of_another_partner_removes_no_child(classroom, teacher, coach):
    children_of(classroom, teacher, "Zoé")

    with pytest.raises(exceptions.NotPartnerMember):
        services.child_remove(child=classroom.children.get(), removed_by=coach)
    with pytest.raises(exceptions.NotPartnerMember):
        services.classroom_delete(classroom=classroom, deleted_by=coach)

    assert classroom.children.count() == 1
    assert Classroom.objects.filter(id=classroom.id).exists()


def test_an_account_given_an_email_address_since_only_leaves_the_class(
    classroom, teacher
):
    children_of(classroom, teacher, "Zoé")
    zoe = User.objects.get(display_name="Zoé")
    User.objects.filter(id=zoe.id).update(email="zoe@example.be")

    services.child_remove(child=classroom.children.get(), removed_by=teacher)

    assert User.objects.filter(id=zoe.id).exists()
    assert not classroom.children.exists()


def test_deleting_a_class_erases_every_child_and_the_class_only(
    classroom, teacher, school, code_course
):
    _class_with_runs(classroom, teacher, code_course)
    children = list(User.objects.filter(class_places__classroom=classroom))
    other_class = services.classroom_create(
        organiser=school.organiser, created_by=teacher, name="6e A"
    )
    children_of(other_class, teacher, "Léon")
    leon = User.objects.get(display_name="Léon")
    leon_before = _what_is_left_of(leon)

    assert services.classroom_delete(classroom=classroom, deleted_by=teacher) == 3

    assert not Classroom.objects.filter(id=classroom.id).exists()
    assert not ChildrenAdded.objects.filter(classroom_id=classroom.id).exists()
    for child in children:
        assert _what_is_left_of(child) == NOTHING, child
    assert _what_is_left_of(leon) == leon_before
    assert User.objects.filter(id=teacher.id).exists()
    with pytest.raises(exceptions.ClassroomGone):
        services.classroom_delete(classroom=classroom, deleted_by=teacher)
