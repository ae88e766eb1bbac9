"""Progress is a projection of the xAPI statements, rebuildable from them alone."""

import pytest
from django.core.management import call_command

from learners import services
from learners import statements as xs
from learners.models import Enrolment, LessonProgress
from tests.factories import lessons_of, question_ids
from xapi.models import Statement

pytestmark = pytest.mark.django_db


def answer(learner, lesson, qid, right: bool):
    value = lesson.questions[qid]
    chosen = [i for i, a in enumerate(value["answers"]) if a["correct"] == right]
    response = [str(i) for i in chosen] if right else [str(chosen[0])]
    services.question_answer(
        user=learner, lesson=lesson, question_id=qid, response=response
    )


def realistic_sequence(learner, other_learner, course, course_builder):
    """Two learners, wrong and right answers, a failed attempt, a finished course."""
    second = course_builder.build(title="Second cours", modules=1, lessons=2)
    for each in (course, second):
        services.enrolment_create(user=learner, course=each)
    services.enrolment_create(user=other_learner, course=course)
    for lesson in lessons_of(course):
        services.lesson_experience(
            enrolment=Enrolment.objects.get(user=learner, course=course), lesson=lesson
        )
        first, second_q = question_ids(lesson)
        answer(learner, lesson, first, right=False)
        services.lesson_complete(user=learner, lesson=lesson)  # failed
        answer(learner, lesson, first, right=True)
        answer(learner, lesson, second_q, right=True)
        services.lesson_complete(user=learner, lesson=lesson)  # passed
    lesson = lessons_of(second)[0]
    answer(learner, lesson, question_ids(lesson)[0], right=True)
    first_lesson = lessons_of(course)[0]
    answer(other_learner, first_lesson, question_ids(first_lesson)[0], right=False)


def snapshot():
    enrolments = list(
        Enrolment.objects.order_by("id").values(
            "id",
            "last_lesson",
            "last_activity_at",
            "lessons_completed",
            "lessons_total",
            "completed_at",
            "modules_completed",
        )
    )
    lessons = list(
        LessonProgress.objects.order_by("enrolment", "lesson").values(
            "enrolment",
            "lesson",
            "started_at",
            "completed_at",
            "answers",
            "score",
            "time_spent",
        )
    )
    return enrolments, lessons


def test_rebuild_progress_from_statements_equals_the_live_tables(
    learner, other_learner, course, course_builder
):
    realistic_sequence(learner, other_learner, course, course_builder)
    live = snapshot()
    finished = Enrolment.objects.get(user=learner, course=course)
    assert finished.completed_at
    assert len(finished.modules_completed) == 2
    LessonProgress.objects.all().delete()
    Enrolment.objects.update(
        lessons_completed=0, completed_at=None, last_lesson=None, modules_completed=[]
    )

    call_command("rebuild_progress")

    assert snapshot() == live


def test_statements_identify_learners_by_opaque_account_never_email(learner, course):
    services.enrolment_create(user=learner, course=course)

    statement = Statement.objects.get().data

    assert statement["actor"] == {
        "objectType": "Agent",
        "account": {
            "homePage": xs.activity_iri("x", 0).split("activities")[0],
            "name": str(learner.learner_uid),
        },
    }
    assert learner.email not in str(statement)


def test_answer_statement_carries_response_success_and_context(learner, course):
    enrolment = services.enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    qid = question_ids(lesson)[0]

    services.question_answer(
        user=learner, lesson=lesson, question_id=qid, response=["1"]
    )

    data = Statement.objects.get(verb_id=xs.ANSWERED).data
    assert data["object"]["id"] == xs.activity_iri("lessons", lesson.id, qid)
    assert data["object"]["definition"]["interactionType"] == "choice"
    assert data["result"] == {"success": False, "response": "1"}
    context = data["context"]
    assert context["registration"] == str(enrolment.registration)
    assert context["contextActivities"]["parent"][0]["id"] == xs.activity_iri(
        "lessons", lesson.id
    )
    assert context["contextActivities"]["grouping"][0]["id"] == xs.activity_iri(
        "courses", course.id
    )
    assert context["language"] == "fr"
    assert context["platform"]


def test_activity_ids_survive_a_slug_change(learner, course):
    services.enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    before = xs.activity_iri("lessons", lesson.id)

    lesson.slug = "nouveau-nom"
    lesson.save_revision().publish()
    services.lesson_experience(
        enrolment=Enrolment.objects.get(), lesson=lessons_of(course)[0]
    )

    assert Statement.objects.get(verb_id=xs.EXPERIENCED).activity_id == before


def test_passed_lesson_statement_has_scaled_score_and_duration(learner, course):
    services.enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    services.lesson_experience(enrolment=Enrolment.objects.get(), lesson=lesson)
    for qid in question_ids(lesson):
        answer(learner, lesson, qid, right=True)

    services.lesson_complete(user=learner, lesson=lesson)

    result = Statement.objects.get(verb_id=xs.PASSED).data["result"]
    assert result["score"] == {"scaled": 1.0}
    assert result["success"] is True
    assert result["completion"] is True
    assert result["duration"].startswith("PT")
    assert LessonProgress.objects.get().time_spent is not None
