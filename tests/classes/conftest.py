"""Fixtures of the class tests: a school with its teacher, a coding club with
its coach (another partner), and a course of block puzzles."""

import pytest
from django.conf import settings

from classes import services
from courses.models import CoursePage, LessonPage, ModulePage
from tests.factories import learner_create, puzzle
from tests.wallcode.factories import partner_create
from wallcode.models import Partner


@pytest.fixture
def client(client):
    """Pages in English: the assertions read them."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def teacher(db):
    return learner_create(email="prof@ecole-centre.be", display_name="Madame Dubois")


@pytest.fixture
def school(teacher):
    """A school, Wallcode partner, whose member the teacher is."""
    return partner_create(
        name="École du Centre",
        kind=Partner.Kind.SCHOOL,
        postal_code="5000",
        commune="Namur",
        members=[teacher],
    )


@pytest.fixture
def coach(db):
    """A member of another partner (a coding club)."""
    other = learner_create(email="coach@coderdojo.be", display_name="Coach")
    partner_create(name="CoderDojo Liège", members=[other])
    return other


@pytest.fixture
def code_course(course_builder):
    """A coding course: two corridors (star for two blocks), a lesson without a
    puzzle, then a corridor without a star to earn."""
    builder = course_builder
    course = builder._publish(
        builder.catalogue, CoursePage(title="Le robot", summary="Coder.")
    )
    first = builder._publish(course, ModulePage(title="Module 1"))
    builder.puzzle_lesson(first, title="Premiers pas", puzzles=2)
    builder.lesson(first, title="À lire", questions=0)
    second = builder._publish(course, ModulePage(title="Module 2"))
    body = [puzzle(title="Sans étoile", target_blocks=None)]
    builder._publish(second, LessonPage(title="Plus loin", body=body))
    return course


@pytest.fixture
def classroom(school, teacher):
    return services.classroom_create(
        organiser=school.organiser, created_by=teacher, name="5e B"
    )
