"""A teacher, member of a school that is a Wallcode partner, makes a class of
three children, gives it a coding course and reads who is stuck where; every
page on the way passes axe, and none needs JavaScript.

The class pages' wording is newer than the catalogues: the test reads each
string through gettext in French, so it passes before and after translation."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from classes import services as classes
from classes.models import Classroom
from courses.models import CoursePage, LessonPage, ModulePage
from learners import services as learning
from learners.models import Enrolment, User
from tests.browser.test_assisted_accounts import fr
from tests.browser.test_journeys import open_menu
from tests.browser.test_learner_journey import sign_in
from tests.factories import CourseBuilder, learner_create, program
from tests.wallcode.factories import partner_create
from wallcode.models import Partner

TEACHER = "prof@ecole-centre.be"
FORWARD = {"type": "maze_move_forward"}
RIGHT = {"type": "maze_turn", "fields": {"DIR": "right"}}
CONSENT = (
    "Each child's parent or guardian consented, as the Wallcode registration records."
)


def coding_course(site) -> CoursePage:
    builder = CourseBuilder(site)
    course = builder._publish(site, CoursePage(title="Le robot", summary="Coder."))
    module = builder._publish(course, ModulePage(title="Module 1"))
    builder.puzzle_lesson(module, title="Premiers pas", puzzles=2)
    return course


def test_a_teacher_makes_a_class_gives_it_a_course_and_sees_who_is_stuck(
    page: Page, site, assert_accessible
):
    course = coding_course(site)
    teacher = learner_create(email=TEACHER, display_name="Madame Dubois")
    partner_create(name="École du Centre", kind=Partner.Kind.SCHOOL, members=[teacher])
    sign_in(page, TEACHER)
    open_menu(page)
    page.get_by_role("link", name=fr("My classes")).click()
    assert_accessible(page)

    page.get_by_role("link", name=fr("Make a class")).click()
    page.get_by_label(fr("Name of the class")).fill("5e B")
    page.get_by_role("button", name=fr("Make the class")).click()
    page.get_by_label(fr("First names or nicknames, one per line")).fill(
        "Zoé\nNoah\nInès"
    )
    page.get_by_label(fr(CONSENT)).check()
    assert_accessible(page)
    page.get_by_role("button", name=fr("Make the accounts and the cards")).click()

    expect(page.get_by_role("link", name=fr("Print the cards (PDF)"))).to_be_visible()
    assert_accessible(page)
    classroom = Classroom.objects.get()
    assert classroom.children.count() == 3

    page.get_by_role("link", name=fr("Done")).click()
    assert_accessible(page)
    page.get_by_role("link", name=fr("Give the class a course")).click()
    page.get_by_label(fr("Course")).select_option(label="Le robot")
    assert_accessible(page)
    page.get_by_role("button", name=fr("Enrol the class")).click()
    assert Enrolment.objects.filter(course=course).count() == 3

    # Zoé solves the first corridor, and tries the second without success.
    lesson = LessonPage.objects.get(title="Premiers pas")
    first, second = list(lesson.puzzles)
    zoe = User.objects.get(display_name="Zoé")
    for puzzle_id, blocks in ((first, (FORWARD, FORWARD)), (second, (RIGHT,))):
        learning.puzzle_run(
            user=zoe,
            lesson=lesson,
            puzzle_id=puzzle_id,
            program=json.dumps(program(*blocks)),
        )

    page.get_by_role("link", name=fr("See the class's progress")).click()
    table = page.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(4)  # the header and 3 children
    zoe_row = table.get_by_role("row").filter(has_text="Zoé")
    expect(zoe_row).to_contain_text(fr("solved with a star"))
    expect(zoe_row).to_contain_text(fr("tried, not solved"))
    expect(table.get_by_role("row").filter(has_text="Inès")).to_contain_text(
        fr("not started")
    )
    assert_accessible(page)


def test_a_teacher_removes_a_child_who_left_after_confirming(
    page: Page, site, assert_accessible
):
    teacher = learner_create(email=TEACHER, display_name="Madame Dubois")
    school = partner_create(
        name="École du Centre", kind=Partner.Kind.SCHOOL, members=[teacher]
    )
    classroom = classes.classroom_create(
        organiser=school.organiser, created_by=teacher, name="6e A"
    )
    classes.children_add(
        classroom=classroom,
        added_by=teacher,
        names=["Léon", "Zoé"],
        guardian_consent=True,
    )
    sign_in(page, TEACHER)
    page.goto(f"/classes/{classroom.id}/")

    page.get_by_role("link", name=fr("Remove %(name)s") % {"name": "Léon"}).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        fr("Remove %(name)s from %(class)s?") % {"name": "Léon", "class": "6e A"}
    )
    assert_accessible(page)
    assert classroom.children.count() == 2  # asking changes nothing
    page.get_by_role(
        "button", name=fr("Yes, remove %(name)s") % {"name": "Léon"}
    ).click()

    said = fr(
        "%(name)s is no longer in the class: their account and progress "
        "are erased, and their card no longer works."
    ) % {"name": "Léon"}
    expect(page.get_by_role("status")).to_contain_text(said)
    table = page.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(2)  # the header and Zoé
    expect(table).not_to_contain_text("Léon")
    assert_accessible(page)
    assert not User.objects.filter(display_name="Léon").exists()
