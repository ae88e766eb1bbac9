import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learners import services
from learners import statements as xs
from tests.factories import lessons_of
from xapi.models import Statement

pytestmark = pytest.mark.django_db

# The session, the user, then the enrolment with the progress (this lesson,
# those done): the rest is remembered (common.remembered).
LESSON_PAGE_QUERY_BUDGET = 3


def lesson_page_queries(client, lesson) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(lesson.url)
    assert response.status_code == 200
    return len(queries)


def test_lesson_page_queries_do_not_grow_with_course_size(
    client, learner, course_builder
):
    small = course_builder.build(title="Petit", modules=1, lessons=1)
    large = course_builder.build(title="Grand", modules=4, lessons=5)
    for each in (small, large):
        services.enrolment_create(user=learner, course=each)
    client.force_login(learner)
    small_lesson, large_lesson = lessons_of(small)[0], lessons_of(large)[7]
    lesson_page_queries(client, small_lesson)  # warm caches (site root paths)
    lesson_page_queries(client, large_lesson)

    small_count = lesson_page_queries(client, small_lesson)
    large_count = lesson_page_queries(client, large_lesson)

    print(f"lesson page: {large_count} queries")
    assert small_count == large_count
    assert large_count <= LESSON_PAGE_QUERY_BUDGET


def test_lesson_page_shows_outline_neighbours_and_questions(client, course):
    lessons = lessons_of(course)

    html = client.get(lessons[1].url).content.decode()

    assert "Question 1 de Leçon 1.2 ?" in html
    assert f'<a href="{lessons[0].url}">← ' in html  # the lesson before
    assert f'<a href="{lessons[2].url}">' in html  # the next one
    assert "Module 2" in html  # the outline
    for each in (lessons[0], lessons[3]):  # its links, as Wagtail routes them
        assert f'<a href="{each.url}">{each.title}</a>' in html


def test_anonymous_reader_sees_lesson_but_cannot_answer(client, course):
    html = client.get(lessons_of(course)[0].url).content.decode()

    assert "Contenu de Leçon 1.1" in html
    assert "<fieldset disabled>" in html
    assert "Check my answer" not in html
    assert "Vérifier" not in html


def test_opening_a_lesson_records_the_visit_for_enrolled_learner(
    client, learner, course
):
    enrolment = services.enrolment_create(user=learner, course=course)
    client.force_login(learner)
    lesson = lessons_of(course)[2]

    client.get(lesson.url)

    enrolment.refresh_from_db()
    assert enrolment.last_lesson_id == lesson.id
    experienced = Statement.objects.filter(
        verb_id=xs.EXPERIENCED, activity_id=xs.activity_iri("lessons", lesson.id)
    )
    assert experienced.count() == 1
    assert experienced.get().registration == enrolment.registration


def test_catalogue_searches_and_filters_courses(client, course_builder):
    course_builder.build(title="Smartphone facile", modules=1, lessons=1)
    course_builder.build(title="Arnaques en ligne", modules=1, lessons=1)

    everything = client.get("/").content.decode()
    searched = client.get("/", {"q": "arnaques"}).content.decode()

    assert "Smartphone facile" in everything
    assert "Arnaques en ligne" in everything
    assert "Arnaques en ligne" in searched
    assert "Smartphone facile" not in searched


def searched_titles(client, text: str) -> list[str]:
    page = client.get("/", {"q": text}).content.decode()
    titles = ["Smartphone facile", "Arnaques en ligne", "Téléphoner à la commune"]
    return sorted((t for t in titles if t in page), key=page.index)


def test_catalogue_search_forgives_endings_accents_and_case(client, course_builder):
    course_builder.build(title="Smartphone facile", modules=1, lessons=1)
    course_builder.build(title="Arnaques en ligne", modules=1, lessons=1)
    course_builder.build(title="Téléphoner à la commune", modules=1, lessons=1)

    assert searched_titles(client, "arnaque") == ["Arnaques en ligne"]
    assert searched_titles(client, "TELEPHONER") == ["Téléphoner à la commune"]
    assert searched_titles(client, "téléphone") == ["Téléphoner à la commune"]
    assert searched_titles(client, "smartphône") == ["Smartphone facile"]
    # Short words ("de", "la") are in almost every course: left out.
    assert searched_titles(client, "arnaque de la") == ["Arnaques en ligne"]
    page = client.get("/", {"q": "tablette"}).content.decode()
    assert "Aucun cours ne correspond à votre recherche." in page


def test_catalogue_search_lists_the_closest_courses_first(client, course_builder):
    """Most words first; a word in the title before a word in the summary."""
    course_builder.build(title="Smartphone facile", modules=1, lessons=1)
    course_builder.build(title="Arnaques en ligne", modules=1, lessons=1)
    phone = course_builder.build(title="Téléphoner à la commune", modules=1, lessons=1)
    phone.summary = "Appeler sans tomber dans les arnaques."
    phone.save_revision().publish()

    assert searched_titles(client, "arnaques") == [
        "Arnaques en ligne",
        "Téléphoner à la commune",
    ]
    assert searched_titles(client, "arnaques commune") == [
        "Téléphoner à la commune",
        "Arnaques en ligne",
    ]


def test_catalogue_search_is_one_query_however_many_courses(client, course_builder):
    for n in range(3):
        course_builder.build(title=f"Arnaques {n}", modules=1, lessons=1)
    client.get("/", {"q": "arnaque ligne"})  # the site and the page remembered
    with CaptureQueriesContext(connection) as few:
        client.get("/", {"q": "arnaque ligne téléphone"})
    for n in range(3, 9):
        course_builder.build(title=f"Arnaques {n}", modules=1, lessons=1)
    client.get("/", {"q": "arnaque"})  # published since: remembered again

    with CaptureQueriesContext(connection) as many:
        page = client.get("/", {"q": "arnaque ligne téléphone autre"})

    assert "Arnaques 8" in page.content.decode()
    assert len(many) == len(few)


def test_unpublished_course_is_not_listed_nor_served(client, course):
    course.unpublish()

    assert course.title not in client.get("/").content.decode()
    assert client.get(f"/{course.slug}/").status_code == 404


def test_module_url_leads_to_its_course(client, course):
    module = course.get_children().first()

    response = client.get(module.url)

    assert response.status_code == 302
    assert response.url == course.url


def test_reading_a_lesson_again_soon_is_the_same_visit(client, learner, course):
    services.enrolment_create(user=learner, course=course)
    client.force_login(learner)
    first, second = lessons_of(course)[:2]

    for lesson in (first, second, first, first):
        client.get(lesson.url)

    visits = Statement.objects.filter(verb_id=xs.EXPERIENCED)
    assert sorted(visits.values_list("activity_id", flat=True)) == sorted(
        xs.activity_iri("lessons", lesson.id) for lesson in (first, second)
    )


@pytest.mark.parametrize("unpublished", ["course", "module", "lesson"])
def test_a_lesson_below_or_at_an_unpublished_page_is_not_served(
    client, course, unpublished
):
    lesson = lessons_of(course)[0]
    module = lesson.get_parent()
    assert client.get(lesson.url).status_code == 200
    {"course": course, "module": module, "lesson": lesson}[unpublished].unpublish()

    assert client.get(lesson.url).status_code == 404


def test_a_path_that_leads_nowhere_is_a_404(client, course):
    lesson = lessons_of(course)[0]

    assert client.get(lesson.url + "nothing-here/").status_code == 404
    assert client.get(f"/{course.slug}/no-module/no-lesson/").status_code == 404


def test_the_catalogue_shows_its_courses_a_page_at_a_time(client, course_builder):
    from courses.models import COURSES_PER_PAGE, CoursePage

    for number in range(COURSES_PER_PAGE + 3):
        course_builder._publish(
            course_builder.catalogue,
            CoursePage(title=f"Cours numéro {number:02d}", summary="Un cours."),
        )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    first = client.get("/").content.decode()
    second = client.get("/", {"page": 2}).content.decode()

    assert first.count('class="card course-card"') == COURSES_PER_PAGE
    assert second.count('class="card course-card"') == 3
    assert "Page 1 of 2" in first
    assert 'href="?page=2#courses" rel="next"' in first
    assert "Cours numéro 26" in second
    assert client.get("/", {"page": "abc"}).status_code == 200  # the first page


def test_a_lesson_page_shows_the_learners_answers_and_lessons_done_in_one_query(
    client, learner, course
):
    services.enrolment_create(user=learner, course=course)
    second = lessons_of(course)[1]
    question_id = next(iter(second.questions))
    services.question_answer(
        user=learner, lesson=second, question_id=question_id, response=["1"]
    )
    client.force_login(learner)
    client.get(second.url)

    with CaptureQueriesContext(connection) as queries:
        html = client.get(second.url).content.decode()

    progress_reads = [q for q in queries if "learners_lessonprogress" in q["sql"]]
    assert len(progress_reads) == 1  # the enrolment came with it
    assert "learners_enrolment" in progress_reads[0]["sql"]
    assert 'value="1" checked' in html  # the answer given is shown
