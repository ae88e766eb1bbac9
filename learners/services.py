"""Writes of learners: enrolment and every learning action.

Every learner action goes through ``learning_event_record``: one place that
appends the event and projects it into progress, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from courses.blocks import QuestionKind
from courses.models import CoursePage, LessonPage
from learners import exceptions, selectors
from learners.models import Enrolment, LearningEvent, User, Verb
from learners.progress import progress_apply


def learning_event_record(
    *,
    enrolment: Enrolment,
    verb: str,
    lesson: LessonPage | None = None,
    question_id: str = "",
    response: list | None = None,
    success: bool | None = None,
) -> LearningEvent:
    """Append one learner action and project it into progress."""
    with transaction.atomic():
        event = LearningEvent.objects.create(
            enrolment=enrolment,
            verb=verb,
            lesson=lesson,
            question_id=question_id,
            response=response or [],
            success=success,
            occurred_at=timezone.now(),
        )
        progress_apply(event=event)
    return event


def enrolment_create(*, user: User, course: CoursePage) -> Enrolment:
    """Enrol a learner in a live course; enrolling twice returns the same one."""
    if not selectors.course_is_available(course=course):
        raise exceptions.CourseNotAvailable()
    with transaction.atomic():
        enrolment, created = Enrolment.objects.get_or_create(user=user, course=course)
        if created:
            learning_event_record(enrolment=enrolment, verb=Verb.REGISTERED)
    return enrolment


def lesson_experience(*, enrolment: Enrolment, lesson: LessonPage) -> None:
    """Record that an enrolled learner opened a lesson."""
    learning_event_record(enrolment=enrolment, verb=Verb.EXPERIENCED, lesson=lesson)


@dataclass(frozen=True)
class AnswerResult:
    success: bool
    response: list[int]


def question_answer(
    *, user: User, lesson: LessonPage, question_id: str, response: list[str]
) -> AnswerResult:
    """Check a learner's answer to one quiz question on the server and record it."""
    enrolment = _enrolment_for_lesson(user=user, lesson=lesson)
    question = lesson.questions.get(question_id)
    if question is None:
        raise exceptions.QuestionNotFound()
    chosen = _parse_response(question, response)
    correct = {i for i, answer in enumerate(question["answers"]) if answer["correct"]}
    success = set(chosen) == correct
    learning_event_record(
        enrolment=enrolment,
        verb=Verb.ANSWERED,
        lesson=lesson,
        question_id=question_id,
        response=chosen,
        success=success,
    )
    return AnswerResult(success=success, response=chosen)


def lesson_complete(*, user: User, lesson: LessonPage) -> Enrolment:
    """Mark a lesson done, once its quiz (if any) reaches the pass mark."""
    enrolment = _enrolment_for_lesson(user=user, lesson=lesson)
    if lesson.questions:
        progress = selectors.lesson_progress_get(enrolment=enrolment, lesson=lesson)
        score = progress.score if progress and progress.score is not None else 0
        if score * 100 < lesson.pass_mark:
            raise exceptions.QuizNotPassed()
    learning_event_record(enrolment=enrolment, verb=Verb.COMPLETED, lesson=lesson)
    enrolment.refresh_from_db()
    return enrolment


def user_profile_update(*, user: User, **fields) -> User:
    """Save the editable profile fields of a user."""
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=list(fields))
    return user


def _enrolment_for_lesson(*, user: User, lesson: LessonPage) -> Enrolment:
    if not selectors.lesson_is_available(lesson=lesson):
        raise exceptions.CourseNotAvailable()
    enrolment = selectors.enrolment_for_lesson(user=user, lesson=lesson)
    if enrolment is None:
        raise exceptions.NotEnrolled()
    return enrolment


def _parse_response(question: dict, response: list[str]) -> list[int]:
    try:
        chosen = sorted({int(value) for value in response})
    except (TypeError, ValueError):
        raise exceptions.InvalidAnswer() from None
    if not chosen or not all(0 <= i < len(question["answers"]) for i in chosen):
        raise exceptions.InvalidAnswer()
    if question["kind"] != QuestionKind.MULTIPLE and len(chosen) != 1:
        raise exceptions.InvalidAnswer()
    return chosen
