"""The demo catalogue: three French quiz courses and a course of block puzzles."""

import pytest
from django.utils.html import escape
from wagtail.images.models import Image
from wagtail.models import Page, Revision, Site

from courses.demo_content import demo_courses_load
from courses.models import CataloguePage, CoursePage, LessonPage, ModulePage

COURSE_TITLES = [
    "Premiers pas avec un smartphone",
    "Se protéger des arnaques en ligne",
    "Démarches administratives en ligne",
]


@pytest.fixture
def demo_catalogue(db) -> CataloguePage:
    return demo_courses_load()


CODING_COURSE_TITLE = "Premiers pas en code"


def demo_courses() -> list[CoursePage]:
    """The three courses of quizzes."""
    return list(
        CoursePage.objects.live().filter(title__in=COURSE_TITLES).order_by("path")
    )


def demo_lessons() -> list[LessonPage]:
    """The lessons of the three courses of quizzes."""
    return [
        lesson
        for course in demo_courses()
        for lesson in LessonPage.objects.descendant_of(course).live().order_by("path")
    ]


def validate_body(lesson: LessonPage) -> None:
    """Raise ValidationError when a block breaks its rules (as the editor would)."""
    LessonPage._meta.get_field("body").stream_block.clean(lesson.body)


def question_blocks(lesson: LessonPage) -> list:
    return [block for block in lesson.body if block.block_type == "question"]


def image_blocks() -> list:
    return [
        block
        for lesson in demo_lessons()
        for block in lesson.body
        if block.block_type == "image"
    ]


def content_snapshot() -> dict:
    """Counts and ids that must not move when the loader runs again."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": Image.objects.count(),
        "latest_revisions": sorted(
            Page.objects.values_list("id", "latest_revision_id")
        ),
        "sites": sorted(
            Site.objects.values_list("id", "root_page_id", "is_default_site")
        ),
    }


@pytest.mark.django_db
def test_default_site_root_is_the_live_catalogue(demo_catalogue):
    site = Site.objects.get(is_default_site=True)

    assert site.root_page_id == demo_catalogue.id
    assert demo_catalogue.live
    assert demo_catalogue.title == "Apprendre le numérique"
    assert demo_catalogue.slug == "catalogue"
    assert demo_catalogue.get_parent().id == Page.get_first_root_node().id


@pytest.mark.django_db
def test_wagtail_welcome_page_is_removed(demo_catalogue):
    root = Page.get_first_root_node()

    assert not Page.objects.child_of(root).filter(slug="home").exists()


@pytest.mark.django_db
def test_default_site_is_created_when_missing(db):
    Site.objects.all().delete()

    catalogue = demo_courses_load()

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80)
    assert site.root_page_id == catalogue.id


@pytest.mark.django_db
def test_three_live_french_courses_in_the_catalogue(demo_catalogue):
    courses = CoursePage.objects.child_of(demo_catalogue).live()

    assert set(COURSE_TITLES) <= set(courses.values_list("title", flat=True))
    assert all(course.language == "fr" and course.summary for course in courses)


@pytest.mark.django_db
def test_courses_have_competences_prerequisite_and_cover(demo_catalogue):
    smartphone, scams, _administration = demo_courses()

    for course in demo_courses():
        assert 2 <= course.competences.count() <= 4
        assert course.cover_image is not None
    assert list(scams.prerequisites.all()) == [smartphone]


@pytest.mark.django_db
def test_each_course_has_modules_of_live_lessons(demo_catalogue):
    for course in demo_courses():
        modules = ModulePage.objects.child_of(course).live()
        assert modules.count() >= 2
        for module in modules:
            assert LessonPage.objects.child_of(module).live().count() >= 2


@pytest.mark.django_db
def test_every_lesson_ends_with_at_least_two_questions(demo_catalogue):
    for lesson in demo_lessons():
        blocks = list(lesson.body)
        questions = question_blocks(lesson)
        assert len(questions) >= 2, lesson.title
        assert blocks[-len(questions) :] == questions, lesson.title
        assert lesson.pass_mark in (50, 70)


@pytest.mark.django_db
def test_every_lesson_body_validates(demo_catalogue):
    lessons = demo_lessons()

    assert len(lessons) >= 12
    for lesson in lessons:
        validate_body(lesson)


@pytest.mark.django_db
def test_questions_mix_kinds_and_give_feedback_for_every_answer(demo_catalogue):
    for course in demo_courses():
        lessons = LessonPage.objects.descendant_of(course).live()
        questions = [
            block.value for lesson in lessons for block in question_blocks(lesson)
        ]
        assert {q["kind"] for q in questions} == {"single", "multiple", "true_false"}
        for question in questions:
            assert question["explanation"].source.strip()
            assert all(answer["feedback"] for answer in question["answers"])


@pytest.mark.django_db
def test_each_course_has_a_callout(demo_catalogue):
    for course in demo_courses():
        lessons = LessonPage.objects.descendant_of(course).live()
        kinds = {block.block_type for lesson in lessons for block in lesson.body}
        assert "callout" in kinds, course.title


@pytest.mark.django_db
def test_image_blocks_show_a_generated_image_with_alt_text(demo_catalogue):
    blocks = image_blocks()

    assert blocks
    for block in blocks:
        assert block.value["alt_text"].strip()
        assert block.value["image"].width == 640
        assert block.value["image"].title


@pytest.mark.django_db
def test_loading_twice_creates_and_changes_nothing(demo_catalogue):
    before = content_snapshot()

    catalogue = demo_courses_load()

    assert catalogue.id == demo_catalogue.id
    assert content_snapshot() == before


@pytest.mark.django_db
def test_catalogue_page_lists_the_three_courses(client, demo_catalogue):
    response = client.get(demo_catalogue.url)

    assert response.status_code == 200
    html = response.content.decode()
    for title in COURSE_TITLES:
        assert escape(title) in html


@pytest.mark.django_db
def test_course_page_links_its_prerequisite(client, demo_catalogue):
    _smartphone, scams, _administration = demo_courses()

    response = client.get(scams.url)

    assert response.status_code == 200
    assert escape(COURSE_TITLES[0]) in response.content.decode()


@pytest.mark.django_db
def test_lesson_page_shows_its_image_and_questions(client, demo_catalogue):
    lesson = LessonPage.objects.live().get(slug="boutons-et-ecran-tactile")

    response = client.get(lesson.url)

    assert response.status_code == 200
    html = response.content.decode()
    for question in question_blocks(lesson):
        assert escape(question.value["prompt"]) in html
    image = next(block for block in lesson.body if block.block_type == "image")
    assert escape(image.value["alt_text"]) in html


@pytest.mark.django_db
def test_the_coding_course_holds_the_eight_demo_puzzles_each_solvable(
    demo_catalogue,
):
    course = CoursePage.objects.child_of(demo_catalogue).get(title=CODING_COURSE_TITLE)
    lessons = list(LessonPage.objects.descendant_of(course).live().order_by("path"))

    assert course.audience == "young_people"
    assert course.cover_image is not None
    assert [lesson.title for lesson in lessons][:2] == ["Tout droit", "Le virage"]
    assert len(lessons) == 8
    for lesson in lessons:
        assert len(lesson.puzzles) == 1
        assert lesson.pass_mark == 100
        validate_body(lesson)  # PuzzleBlock.clean: the reference solution solves it
