"""The progress projection: folds the learners' xAPI statements into tables.

Progress is written nowhere else. ``progress_apply`` runs in the transaction that
stores each statement, so progress and statements never disagree;
``progress_rebuild`` recomputes everything from the stored statements alone.
"""

from __future__ import annotations

from datetime import datetime

from aniso8601 import parse_duration
from django.db import transaction

from courses.models import LessonPage
from learners import statements as xs
from learners.models import Enrolment, LessonProgress
from xapi import selectors as lrs


def progress_apply(*, enrolment: Enrolment, statement: dict) -> None:
    """Update the progress tables for one statement of this enrolment."""
    verb = statement["verb"]["id"]
    at = datetime.fromisoformat(statement["timestamp"])
    activity = xs.parse_activity_iri(statement["object"].get("id", ""))
    enrolment.last_activity_at = at
    changed = ["last_activity_at"]
    if verb == xs.REGISTERED:
        enrolment.lessons_total = _lessons_total(enrolment)
        changed.append("lessons_total")
    elif activity and activity[0] == "courses" and verb == xs.COMPLETED:
        enrolment.completed_at = enrolment.completed_at or at
        changed.append("completed_at")
    elif activity and activity[0] == "modules" and verb == xs.COMPLETED:
        if activity[1] not in enrolment.modules_completed:
            enrolment.modules_completed = [*enrolment.modules_completed, activity[1]]
        changed.append("modules_completed")
    elif activity and activity[0] in ("lessons", "questions"):
        progress = _lesson_progress(enrolment, lesson_id=activity[1], at=at)
        enrolment.last_lesson_id = activity[1]
        changed.append("last_lesson")
        if activity[0] == "questions":
            _apply_answer(progress, question_id=activity[2], result=statement["result"])
        elif verb in (xs.COMPLETED, xs.PASSED, xs.FAILED):
            changed += _apply_lesson_result(enrolment, progress, statement, at)
    enrolment.save(update_fields=changed)


def _lesson_progress(enrolment: Enrolment, *, lesson_id: int, at) -> LessonProgress:
    progress, _created = LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson_id=lesson_id, defaults={"started_at": at}
    )
    return progress


def _apply_answer(progress: LessonProgress, *, question_id: str, result: dict) -> None:
    progress.answers[question_id] = {
        "response": [int(i) for i in result["response"].split("[,]")],
        "success": result["success"],
    }
    progress.save(update_fields=["answers"])


def _apply_lesson_result(
    enrolment: Enrolment, progress: LessonProgress, statement: dict, at
) -> list[str]:
    result = statement.get("result", {})
    if "score" in result:
        progress.score = result["score"]["scaled"]
    if "duration" in result:
        progress.time_spent = parse_duration(result["duration"])
    if result.get("completion") and progress.completed_at is None:
        progress.completed_at = at
    progress.save(update_fields=["score", "time_spent", "completed_at"])
    enrolment.lessons_total = _lessons_total(enrolment)
    enrolment.lessons_completed = enrolment.lesson_progress.filter(
        completed_at__isnull=False, lesson__live=True
    ).count()
    return ["lessons_total", "lessons_completed"]


def _lessons_total(enrolment: Enrolment) -> int:
    return LessonPage.objects.descendant_of(enrolment.course).live().count()


def progress_rebuild(*, enrolments=None) -> int:
    """Recompute progress from the stored statements alone; return how many."""
    enrolments = list(enrolments if enrolments is not None else Enrolment.objects.all())
    by_registration = {str(e.registration): e for e in enrolments}
    with transaction.atomic():
        LessonProgress.objects.filter(enrolment__in=enrolments).delete()
        for enrolment in enrolments:
            _reset(enrolment)
        for statement in lrs.statements_for_registrations(list(by_registration)):
            enrolment = by_registration[statement["context"]["registration"]]
            progress_apply(enrolment=enrolment, statement=statement)
    return len(enrolments)


def _reset(enrolment: Enrolment) -> None:
    enrolment.last_lesson = None
    enrolment.last_activity_at = None
    enrolment.lessons_completed = 0
    enrolment.lessons_total = 0
    enrolment.completed_at = None
    enrolment.modules_completed = []
    enrolment.save()
