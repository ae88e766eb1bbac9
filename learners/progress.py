"""The progress projection: folds learning events into progress tables.

Progress is never written anywhere else, so that it can be rebuilt from events
(and, with the xAPI issue, from statements) and come out the same.
"""

from __future__ import annotations

from courses.models import LessonPage
from learners.models import Enrolment, LearningEvent, LessonProgress, Verb


def progress_apply(*, event: LearningEvent) -> None:
    """Update the progress tables for one new learning event."""
    enrolment = event.enrolment
    enrolment.last_activity_at = event.occurred_at
    changed = ["last_activity_at"]
    if event.verb == Verb.REGISTERED:
        enrolment.lessons_total = _lessons_total(enrolment)
        changed.append("lessons_total")
    elif event.lesson_id is not None:
        progress = _lesson_progress(event)
        enrolment.last_lesson_id = event.lesson_id
        changed.append("last_lesson")
        if event.verb == Verb.ANSWERED:
            _apply_answer(progress, event)
        elif event.verb == Verb.COMPLETED and progress.completed_at is None:
            progress.completed_at = event.occurred_at
            progress.save(update_fields=["completed_at"])
            changed += _refresh_completion(enrolment, event)
    enrolment.save(update_fields=changed)


def _lesson_progress(event: LearningEvent) -> LessonProgress:
    progress, _created = LessonProgress.objects.get_or_create(
        enrolment=event.enrolment,
        lesson_id=event.lesson_id,
        defaults={"started_at": event.occurred_at},
    )
    return progress


def _apply_answer(progress: LessonProgress, event: LearningEvent) -> None:
    progress.answers[event.question_id] = {
        "response": event.response,
        "success": bool(event.success),
    }
    question_ids = list(event.lesson.questions)
    correct = sum(
        1 for qid in question_ids if progress.answers.get(qid, {}).get("success")
    )
    progress.score = correct / len(question_ids) if question_ids else None
    progress.save(update_fields=["answers", "score"])


def _lessons_total(enrolment: Enrolment) -> int:
    return LessonPage.objects.descendant_of(enrolment.course).live().count()


def _refresh_completion(enrolment: Enrolment, event: LearningEvent) -> list[str]:
    enrolment.lessons_total = _lessons_total(enrolment)
    enrolment.lessons_completed = enrolment.lesson_progress.filter(
        completed_at__isnull=False, lesson__live=True
    ).count()
    if (
        enrolment.completed_at is None
        and enrolment.lessons_completed >= enrolment.lessons_total
    ):
        enrolment.completed_at = event.occurred_at
    return ["lessons_total", "lessons_completed", "completed_at"]
