import pytest

from learners import exceptions, services
from learners import statements as xs
from learners.models import Enrolment, LessonProgress
from tests.factories import lessons_of, question_ids
from xapi.models import Statement

pytestmark = pytest.mark.django_db


def test_enrolment_create_records_registration_and_counts_lessons(learner, course):
    enrolment = services.enrolment_create(user=learner, course=course)

    assert enrolment.lessons_total == 4
    assert enrolment.percent_complete == 0
    registered = Statement.objects.get(registration=enrolment.registration)
    assert registered.verb_id == xs.REGISTERED
    assert registered.activity_id == xs.activity_iri("courses", course.id)


def test_enrolment_create_twice_returns_the_same_enrolment(learner, course):
    first = services.enrolment_create(user=learner, course=course)
    second = services.enrolment_create(user=learner, course=course)

    assert first == second
    assert Enrolment.objects.count() == 1
    assert Statement.objects.filter(verb_id=xs.REGISTERED).count() == 1


def test_enrolment_in_unpublished_course_is_refused(learner, course):
    course.unpublish()

    with pytest.raises(exceptions.CourseNotAvailable):
        services.enrolment_create(user=learner, course=course)
    assert not Enrolment.objects.exists()


def test_question_answer_checks_on_server_and_keeps_latest_answer(learner, course):
    services.enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    first_question = question_ids(lesson)[0]

    wrong = services.question_answer(
        user=learner, lesson=lesson, question_id=first_question, response=["1"]
    )
    right = services.question_answer(
        user=learner, lesson=lesson, question_id=first_question, response=["0"]
    )

    assert (wrong.success, right.success) == (False, True)
    progress = LessonProgress.objects.get(lesson=lesson)
    assert progress.answers[first_question] == {"response": [0], "success": True}


def test_multiple_choice_needs_every_correct_answer(learner, course):
    services.enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    multiple = question_ids(lesson)[1]

    partial = services.question_answer(
        user=learner, lesson=lesson, question_id=multiple, response=["0"]
    )
    full = services.question_answer(
        user=learner, lesson=lesson, question_id=multiple, response=["0", "2"]
    )

    assert (partial.success, full.success) == (False, True)


@pytest.mark.parametrize("response", [[], ["7"], ["-1"], ["abc"], ["0", "1"]], ids=str)
def test_invalid_answers_are_refused_and_nothing_is_stored(learner, course, response):
    services.enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    single = question_ids(lesson)[0]

    with pytest.raises(exceptions.InvalidAnswer):
        services.question_answer(
            user=learner, lesson=lesson, question_id=single, response=response
        )
    assert not Statement.objects.filter(verb_id=xs.ANSWERED).exists()


def test_answer_to_unknown_question_is_refused(learner, course):
    services.enrolment_create(user=learner, course=course)

    with pytest.raises(exceptions.QuestionNotFound):
        services.question_answer(
            user=learner,
            lesson=lessons_of(course)[0],
            question_id="no-such-question",
            response=["0"],
        )


def test_answer_without_enrolment_is_refused(learner, course):
    lesson = lessons_of(course)[0]

    with pytest.raises(exceptions.NotEnrolled):
        services.question_answer(
            user=learner,
            lesson=lesson,
            question_id=question_ids(lesson)[0],
            response=["0"],
        )


def test_lesson_cannot_be_completed_below_pass_mark(learner, course):
    services.enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    services.question_answer(
        user=learner, lesson=lesson, question_id=question_ids(lesson)[0], response=["0"]
    )

    result = services.lesson_complete(user=learner, lesson=lesson)  # 50% < 70%

    assert not result.passed
    failed = Statement.objects.get(verb_id=xs.FAILED)
    assert failed.data["result"]["score"] == {"scaled": 0.5}
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def _pass_lesson(learner, lesson):
    for qid, value in lesson.questions.items():
        correct = [str(i) for i, a in enumerate(value["answers"]) if a["correct"]]
        services.question_answer(
            user=learner, lesson=lesson, question_id=qid, response=correct
        )
    return services.lesson_complete(user=learner, lesson=lesson).enrolment


def test_completing_every_lesson_completes_the_course(learner, course):
    services.enrolment_create(user=learner, course=course)
    lessons = lessons_of(course)

    for lesson in lessons[:-1]:
        enrolment = _pass_lesson(learner, lesson)
    assert enrolment.lessons_completed == 3
    assert enrolment.completed_at is None

    enrolment = _pass_lesson(learner, lessons[-1])
    assert enrolment.percent_complete == 100
    assert enrolment.completed_at is not None
    completions = Statement.objects.filter(verb_id=xs.COMPLETED)
    assert sorted(s.activity_id.rsplit("/", 2)[-2] for s in completions) == [
        "courses",
        "modules",
        "modules",
    ]


def test_completing_a_lesson_twice_counts_once(learner, course):
    services.enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]

    _pass_lesson(learner, lesson)
    enrolment = services.lesson_complete(user=learner, lesson=lesson).enrolment

    assert enrolment.lessons_completed == 1


def test_lesson_of_unpublished_course_is_refused(learner, course):
    services.enrolment_create(user=learner, course=course)
    lesson = lessons_of(course)[0]
    course.unpublish()  # lessons stay live, but their course is gone

    with pytest.raises(exceptions.CourseNotAvailable):
        services.lesson_complete(user=learner, lesson=lesson)


def test_profile_update_refuses_a_postal_code_that_is_not_belgian(learner):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.user_profile_update(user=learner, postal_code="75001")
    learner.refresh_from_db()
    assert learner.postal_code == ""
