"""The demo badges: one per demo course, earned by completing it."""

import pytest

from badges.demo_content import demo_badges_load
from badges.models import AwardRule, BadgeClass
from courses.demo_content import demo_courses_load
from courses.models import CoursePage

pytestmark = pytest.mark.django_db

PYTHON_COURSE_SLUG = "premiers-pas-en-python"


@pytest.fixture
def demo_catalogue():
    catalogue = demo_courses_load()
    demo_badges_load()
    return catalogue


def completion_badges(course: CoursePage) -> list[BadgeClass]:
    return list(
        BadgeClass.objects.filter(rule=AwardRule.COURSE_COMPLETED, rule_course=course)
    )


def test_each_demo_course_has_one_completion_badge_with_an_image(demo_catalogue):
    courses = CoursePage.objects.child_of(demo_catalogue).live()

    assert courses.count() >= 4
    for course in courses:
        (badge,) = completion_badges(course)
        assert badge.name == f"Cours terminé : {course.title}"
        assert badge.active
        assert badge.image.width == badge.image.height == 256
        assert set(badge.competences.all()) == set(course.competences.all())
        badge.full_clean()


def test_the_coding_course_is_earned_by_completing_it(demo_catalogue):
    course = CoursePage.objects.get(slug="premiers-pas-en-code")

    (badge,) = completion_badges(course)

    assert badge.name == "Cours terminé : Premiers pas en code"
    assert (
        badge.criteria
        == "Terminer toutes les leçons du cours « Premiers pas en code »."
    )


def test_the_python_course_has_its_badge_and_a_second_load_adds_none(
    demo_catalogue,
):
    before = set(BadgeClass.objects.values_list("id", flat=True))
    python = CoursePage.objects.get(slug=PYTHON_COURSE_SLUG)

    demo_badges_load()

    (badge,) = completion_badges(python)
    assert badge.name == "Cours terminé : Premiers pas en Python"
    assert set(BadgeClass.objects.values_list("id", flat=True)) == before
