"""A signed-in learner's pages reuse what is the same for everyone (the page a
URL names, its restrictions, its outline, its plain blocks), and never a stale
or a draft copy of it.

Each test first shows that something is remembered (a change made behind the
platform's back, without a signal, is not seen), then that the change an editor
makes (publish, unpublish, restrict) is seen by the next request.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from courses.models import LessonPage
from learners import services
from learners.models import LessonProgress
from tests.factories import lessons_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client, learner, course):
    services.enrolment_create(user=learner, course=course)
    client.force_login(learner)
    return client


def test_a_lesson_read_again_costs_only_the_learners_own_queries(reader, course):
    lesson = lessons_of(course)[1]
    reader.get(lesson.url)

    with CaptureQueriesContext(connection) as captured:
        html = reader.get(lesson.url).content.decode()

    tables = " ".join(query["sql"] for query in captured.captured_queries)
    assert "wagtailcore_page" not in tables  # routed, outlined from memory
    assert "wagtailcore_site" not in tables
    assert "Question 1 de Leçon 1.2 ?" in html  # and still the whole lesson
    assert "Module 2" in html


def test_a_published_change_reaches_a_signed_in_learner_at_once(reader, course):
    lesson = lessons_of(course)[1]
    reader.get(lesson.url)
    Page.objects.filter(id=lesson.id).update(title="Titre en douce")
    assert "Titre en douce" not in reader.get(lesson.url).content.decode()

    lesson = LessonPage.objects.get(id=lesson.id)
    lesson.title = "Les boutons du téléphone"
    body = lesson.body.raw_data
    body[0]["value"] = "<p>Un paragraphe tout neuf.</p>"
    lesson.body = body
    lesson.save_revision().publish()

    html = reader.get(lesson.url).content.decode()
    assert "Les boutons du téléphone" in html
    assert "Un paragraphe tout neuf." in html


def test_an_unpublished_lesson_is_gone_for_a_signed_in_learner_at_once(reader, course):
    lesson = lessons_of(course)[1]
    assert reader.get(lesson.url).status_code == 200

    lesson.unpublish()

    assert reader.get(lesson.url).status_code == 404


def test_a_course_restricted_to_a_group_refuses_a_learner_outside_it(reader, course):
    lesson = lessons_of(course)[1]
    assert reader.get(lesson.url).status_code == 200

    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Agents de la Région"))

    refused = reader.get(lesson.url)
    assert refused.status_code == 302
    assert "Question 1 de Leçon 1.2" not in refused.content.decode()


def test_an_editors_preview_never_becomes_what_learners_read(
    reader, course, rf, admin_user
):
    lesson = lessons_of(course)[1]
    draft = LessonPage.objects.get(id=lesson.id)
    body = draft.body.raw_data
    body[0]["value"] = "<p>Brouillon pas encore relu.</p>"
    draft.body = body
    draft.save_revision()
    request = rf.get("/")
    request.user = admin_user

    draft = draft.get_latest_revision_as_object()

    first_preview = draft.make_preview_request(request).content.decode()
    read = reader.get(lesson.url).content.decode()  # live blocks remembered now
    second_preview = draft.make_preview_request(request).content.decode()

    assert "Brouillon pas encore relu." in first_preview
    assert "Brouillon pas encore relu." in second_preview
    assert "Brouillon pas encore relu." not in read
    assert "Question 1 de Leçon 1.2 ?" in read


def test_with_redis_unreachable_nothing_is_remembered(reader, course, redis_down):
    lesson = lessons_of(course)[1]
    reader.get(lesson.url)

    Page.objects.filter(id=lesson.id).update(title="Titre en douce")

    assert "Titre en douce" in reader.get(lesson.url).content.decode()


def test_a_private_page_sends_people_to_the_platforms_sign_in(client, course):
    """Not to Wagtail's own form, which has no rate limit nor second factor."""
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.LOGIN
    )

    refused = client.get(course.url)
    typed = client.get("/_util/login/?next=/premiers-pas/")

    assert refused["Location"].startswith("/accounts/login/?next=")
    assert typed.status_code == 302
    assert typed["Location"] == "/accounts/login/?next=/premiers-pas/"


def test_a_page_behind_a_password_opens_with_the_password(client, course):
    restriction = PageViewRestriction.objects.create(
        page=course,
        restriction_type=PageViewRestriction.PASSWORD,
        password="atelier-namur",
    )
    asked = client.get(course.url)
    assert "Premiers pas" not in asked.content.decode()

    answered = client.post(
        f"/_util/authenticate_with_password/{restriction.id}/{course.id}/",
        {"password": "atelier-namur", "return_url": course.url},
    )

    assert answered.status_code == 302
    assert "Premiers pas" in client.get(course.url).content.decode()


def test_an_answer_finds_its_lesson_course_and_module_in_memory(reader, course):
    lesson = lessons_of(course)[1]
    question_id = next(iter(lesson.questions))
    url = reverse("learners:answer", args=[lesson.id, question_id])
    reader.post(url, {"answer": "1"})

    with CaptureQueriesContext(connection) as captured:
        response = reader.post(url, {"answer": "0"})

    assert response.status_code == 302
    pages = [
        q["sql"] for q in captured.captured_queries if "wagtailcore_page" in q["sql"]
    ]
    assert len(pages) == 1  # the progress projection's own check, nothing else
    assert LessonProgress.objects.get(lesson_id=lesson.id).answers[question_id][
        "success"
    ]


def test_an_answer_to_a_lesson_of_an_unpublished_course_is_refused_at_once(
    reader, course
):
    lesson = lessons_of(course)[1]
    question_id = next(iter(lesson.questions))
    url = reverse("learners:answer", args=[lesson.id, question_id])
    reader.post(url, {"answer": "1"})  # the lesson is remembered

    course.unpublish()
    refused = reader.post(url, {"answer": "0"})

    assert refused.status_code == 404
    assert "Ce cours ou cette leçon n&#x27;est pas disponible." in (
        refused.content.decode()
    )
    assert not LessonProgress.objects.get(lesson_id=lesson.id).answers[question_id][
        "success"
    ]


def test_another_process_takes_a_lessons_blocks_from_the_cache_until_a_publish(
    reader, course
):
    from common.remembered import forget_all

    lesson = lessons_of(course)[1]
    reader.get(lesson.url)
    raw = list(LessonPage.objects.get(id=lesson.id).body.raw_data)
    raw[0] = {**raw[0], "value": "<p>Changé en douce.</p>"}
    LessonPage.objects.filter(id=lesson.id).update(body=raw)

    forget_all()  # as a process that never read this lesson
    assert "Changé en douce." not in reader.get(lesson.url).content.decode()

    lesson = LessonPage.objects.get(id=lesson.id)
    lesson.save_revision().publish()
    assert "Changé en douce." in reader.get(lesson.url).content.decode()


def test_another_process_routes_a_lesson_from_the_cache_with_its_questions(
    reader, course
):
    from common.remembered import forget_all

    lesson = lessons_of(course)[1]
    reader.get(lesson.url)
    forget_all()  # as a process that never read this lesson

    with CaptureQueriesContext(connection) as captured:
        html = reader.get(lesson.url).content.decode()

    tables = " ".join(query["sql"] for query in captured.captured_queries)
    # The route came through the cache (the site, once per process, did not).
    assert "courses_lessonpage" not in tables
    assert "Question 1 de Leçon 1.2 ?" in html  # its questions read from the body
    assert f'action="/learn/lessons/{lesson.id}/questions/' in html


def test_another_process_checks_an_answer_with_the_lesson_from_the_cache(
    reader, course
):
    from common.remembered import forget_all

    lesson = lessons_of(course)[1]
    question_id = next(iter(lesson.questions))
    url = reverse("learners:answer", args=[lesson.id, question_id])
    reader.post(url, {"answer": "1"})
    forget_all()

    assert reader.post(url, {"answer": "0"}).status_code == 302
    assert LessonProgress.objects.get(lesson_id=lesson.id).answers[question_id][
        "success"
    ]


def test_a_lesson_shared_between_processes_is_unpublished_for_all_at_once(
    reader, course
):
    from common.remembered import forget_all

    lesson = lessons_of(course)[1]
    reader.get(lesson.url)
    lesson.unpublish()
    forget_all()

    assert reader.get(lesson.url).status_code == 404


def _question_form(html: str, question_id: str) -> str:
    start = html.index(f'id="question-{question_id}"')
    return html[start : html.index("</form>", start)]


def _token_of(form: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]


def test_an_unanswered_question_is_shared_and_sent_with_each_learners_own_token(
    course, learner, other_learner
):
    lesson = lessons_of(course)[1]
    question_id = next(iter(lesson.questions))
    readers = []
    for person in (learner, other_learner):
        services.enrolment_create(user=person, course=course)
        reader = Client(enforce_csrf_checks=True)
        reader.force_login(person)
        readers.append(reader)
    first, second = readers
    first.get(lesson.url)  # the question's form is now remembered
    raw = list(LessonPage.objects.get(id=lesson.id).body.raw_data)
    asked = next(block for block in raw if block["id"] == question_id)
    asked["value"] = {**asked["value"], "prompt": "Changé en douce ?"}
    LessonPage.objects.filter(id=lesson.id).update(body=raw)

    form = _question_form(second.get(lesson.url).content.decode(), question_id)

    assert "Question 1 de Leçon 1.2 ?" in form  # the remembered form
    assert "Changé en douce" not in form
    assert "checked" not in form
    answered = second.post(
        reverse("learners:answer", args=[lesson.id, question_id]),
        {"answer": "0", "csrfmiddlewaretoken": _token_of(form)},
    )
    assert answered.status_code == 302  # their own token, accepted
    progress = LessonProgress.objects.get(
        enrolment__user=other_learner, lesson_id=lesson.id
    )
    assert progress.answers[question_id]["response"] == [0]
    # Answered: their page shows their answer, the other learner's does not.
    assert "checked" in _question_form(
        second.get(lesson.url).content.decode(), question_id
    )
    assert "checked" not in _question_form(
        first.get(lesson.url).content.decode(), question_id
    )


def test_a_published_change_of_a_question_reaches_a_learner_at_once(reader, course):
    lesson = lessons_of(course)[1]
    question_id = next(iter(lesson.questions))
    reader.get(lesson.url)

    lesson = LessonPage.objects.get(id=lesson.id)
    body = lesson.body.raw_data
    asked = next(block for block in body if block["id"] == question_id)
    asked["value"]["prompt"] = "Où est le bouton de volume ?"
    lesson.body = body
    lesson.save_revision().publish()

    html = reader.get(lesson.url).content.decode()
    assert "Où est le bouton de volume ?" in _question_form(html, question_id)
