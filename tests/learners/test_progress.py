"""Progress is a projection of the xAPI statements, rebuildable from them alone."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from learners import selectors, services
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

    call_command("rebuild_progress")

    assert snapshot() == live


def test_rebuild_replaces_stale_and_wrong_progress_with_what_statements_say(
    learner, other_learner, course, course_builder
):
    realistic_sequence(learner, other_learner, course, course_builder)
    live = snapshot()
    # Corrupt the tables: a lesson done without any statement, a row lost, an
    # enrolment marked complete and its counters off.
    started = Enrolment.objects.get(user=other_learner)
    LessonProgress.objects.create(
        enrolment=started,
        lesson=lessons_of(course)[3],
        started_at=timezone.now(),
        completed_at=timezone.now(),
        score=1.0,
    )
    LessonProgress.objects.filter(enrolment__user=learner).first().delete()
    Enrolment.objects.filter(id=started.id).update(
        completed_at=timezone.now(),
        lessons_completed=4,
        modules_completed=[course.get_children()[0].id],
        last_lesson=lessons_of(course)[3],
    )
    assert snapshot() != live

    call_command("rebuild_progress")

    assert snapshot() == live


@pytest.mark.parametrize(("pass_mark", "passed"), [(50, True), (51, False)])
def test_a_score_exactly_at_the_pass_mark_passes_and_just_below_fails(
    learner, course_builder, pass_mark, passed
):
    course = course_builder.build(title="Seuil", modules=1, lessons=2, questions=2)
    lesson = lessons_of(course)[0]
    lesson.pass_mark = pass_mark
    lesson.save()
    services.enrolment_create(user=learner, course=course)
    first, second = question_ids(lesson)
    answer(learner, lesson, first, right=True)
    answer(learner, lesson, second, right=False)  # 1 of 2: a score of 50 %

    outcome = services.lesson_complete(user=learner, lesson=lesson)

    assert outcome.passed is passed
    verb = xs.PASSED if passed else xs.FAILED
    assert Statement.objects.get(verb_id=verb).data["result"]["score"] == {
        "scaled": 0.5
    }
    progress = LessonProgress.objects.get(lesson=lesson)
    assert progress.score == 0.5
    assert (progress.completed_at is not None) is passed


def finish(learner, lesson) -> None:
    for qid in question_ids(lesson):
        answer(learner, lesson, qid, right=True)
    services.lesson_complete(user=learner, lesson=lesson)


def test_a_module_with_only_some_lessons_done_is_not_complete(learner, course):
    enrolment = services.enrolment_create(user=learner, course=course)
    first, second, third, _fourth = lessons_of(course)

    finish(learner, first)
    finish(learner, third)  # one lesson in each module
    enrolment.refresh_from_db()

    assert enrolment.modules_completed == []
    assert enrolment.lessons_completed == 2
    assert enrolment.completed_at is None
    assert not Statement.objects.filter(
        verb_id=xs.COMPLETED, activity_id__contains="/modules/"
    ).exists()
    finish(learner, second)
    enrolment.refresh_from_db()
    assert enrolment.modules_completed == [first.get_parent().id]
    assert enrolment.completed_at is None


def test_a_lesson_unpublished_after_completion_leaves_the_course_completed(
    learner, course
):
    """Completion is a recorded fact: unpublishing content later does not undo it.

    The lesson's own progress stays too; the counts follow the live lessons.
    """
    enrolment = services.enrolment_create(user=learner, course=course)
    for lesson in lessons_of(course):
        finish(learner, lesson)
    enrolment.refresh_from_db()
    completed_at = enrolment.completed_at
    assert completed_at is not None
    gone = lessons_of(course)[1]

    gone.unpublish()
    call_command("rebuild_progress")

    enrolment.refresh_from_db()
    assert enrolment.completed_at == completed_at
    assert (enrolment.lessons_completed, enrolment.lessons_total) == (3, 3)
    assert enrolment.percent_complete == 100
    assert LessonProgress.objects.get(lesson=gone).completed_at is not None


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


def test_lesson_page_state_gives_this_lessons_answers_and_the_lessons_done(
    learner, other_learner, course
):
    first, second, third = lessons_of(course)[:3]
    assert selectors.lesson_page_state(
        user=learner, course=course, lesson=first
    ) == selectors.LessonPageState(enrolment=None)
    enrolment = services.enrolment_create(user=learner, course=course)
    services.enrolment_create(user=other_learner, course=course)
    fresh = selectors.lesson_page_state(user=learner, course=course, lesson=first)
    assert fresh.enrolment == enrolment
    assert fresh.answers == {}
    assert fresh.completed == frozenset()
    for lesson in (first, second):
        for qid in question_ids(lesson):
            answer(learner, lesson, qid, right=True)
    services.lesson_complete(user=learner, lesson=first)
    answer(other_learner, third, question_ids(third)[0], right=True)
    services.lesson_complete(user=other_learner, lesson=third)

    state = selectors.lesson_page_state(user=learner, course=course, lesson=second)

    assert state.enrolment == enrolment
    assert state.enrolment.registration == enrolment.registration
    assert set(state.answers) == set(question_ids(second))  # not the first's
    assert state.completed == frozenset({first.id})  # not the other learner's
    on_third = selectors.lesson_page_state(user=learner, course=course, lesson=third)
    assert on_third.answers == {}
    assert on_third.completed == frozenset({first.id})
