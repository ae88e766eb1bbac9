"""The progress projection: folds the learners' xAPI statements into tables.

Progress is written nowhere else. ``progress_apply`` runs in the transaction that
stores each of the platform's own statements, so progress and statements never
disagree; ``progress_project`` projects, after commit, what LRS clients trusted
for progress store through the API; ``progress_rebuild`` recomputes everything
from the stored statements alone. Which statements count is decided by one rule,
``selectors.statement_counts_for_progress``.

A valid statement the projection cannot use (an answer without a response, a
lesson that no longer exists, another learner as actor...) is skipped with a log
line giving its id and the reason, never personal data, and nothing stops.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from aniso8601 import parse_duration
from django.db import transaction

from courses.models import LessonPage, ModulePage
from learners import selectors
from learners import statements as xs
from learners.models import Enrolment, LessonProgress
from xapi import selectors as lrs

log = logging.getLogger(__name__)


class StatementSkipped(Exception):
    """A valid statement that the projection cannot apply to this enrolment."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class _Target:
    verb: str
    kind: str  # courses, modules, lessons or questions
    page_id: int
    question_id: str
    at: datetime


def progress_apply(*, enrolment: Enrolment, statement: dict) -> None:
    """Update the progress tables for one statement of this enrolment.

    Raises StatementSkipped, having changed nothing, when it cannot apply.
    """
    target = _target(enrolment, statement)
    enrolment.last_activity_at = target.at
    changed = ["last_activity_at"]
    if target.kind == "courses":
        if target.verb == xs.REGISTERED:
            enrolment.lessons_total = _lessons_total(enrolment)
            changed.append("lessons_total")
        elif target.verb == xs.COMPLETED:
            enrolment.completed_at = enrolment.completed_at or target.at
            changed.append("completed_at")
    elif target.kind == "modules":
        if target.verb == xs.COMPLETED:
            if target.page_id not in enrolment.modules_completed:
                enrolment.modules_completed = [
                    *enrolment.modules_completed,
                    target.page_id,
                ]
            changed.append("modules_completed")
    else:
        progress = _lesson_progress(enrolment, lesson_id=target.page_id, at=target.at)
        enrolment.last_lesson_id = target.page_id
        changed.append("last_lesson")
        if target.kind == "questions":
            if target.verb == xs.ANSWERED:
                _apply_answer(
                    progress, question_id=target.question_id, statement=statement
                )
        elif target.kind == "puzzles":
            if target.verb in (xs.ANSWERED, xs.PASSED):
                _apply_puzzle_run(
                    progress, puzzle_id=target.question_id, statement=statement
                )
        elif target.kind == "exercises":
            if target.verb in (xs.ANSWERED, xs.INTERACTED):
                _apply_exercise_event(
                    progress, exercise_id=target.question_id, statement=statement
                )
        elif target.verb in (xs.COMPLETED, xs.PASSED, xs.FAILED):
            changed += _apply_lesson_result(enrolment, progress, statement, target.at)
    enrolment.save(update_fields=changed)


def _target(enrolment: Enrolment, statement: dict) -> _Target:
    """What the statement is about, checked against the enrolment; else a skip."""
    target = statement.get("object", {})
    if target.get("objectType", "Activity") != "Activity":
        raise StatementSkipped(f"object is a {target.get('objectType')}")
    parsed = xs.parse_activity_iri(target.get("id", ""))
    if parsed is None:
        raise StatementSkipped("object is not an activity of the platform")
    if not _same_learner(statement.get("actor", {}), enrolment):
        raise StatementSkipped("actor is not the learner of the registration")
    kind, page_id, question_id = parsed
    if kind == "courses" and page_id != enrolment.course_id:
        raise StatementSkipped("course is not the one of the registration")
    if kind == "modules" and not _in_course(ModulePage, page_id, enrolment):
        raise StatementSkipped("module is not in the course of the registration")
    if kind in ("lessons", "questions", "puzzles", "exercises") and not _in_course(
        LessonPage, page_id, enrolment
    ):
        raise StatementSkipped(
            "lesson does not exist in the course of the registration"
        )
    verb = statement["verb"]["id"]
    if kind == "questions" and verb == xs.ANSWERED:
        _choices(statement.get("result"))  # raises when it cannot be applied
    return _Target(
        verb=verb,
        kind=kind,
        page_id=page_id,
        question_id=question_id,
        at=_moment(statement.get("timestamp", "")),
    )


def _same_learner(actor: dict, enrolment: Enrolment) -> bool:
    # The name and objectType are optional: only the account identifies.
    if actor.get("objectType", "Agent") != "Agent":
        return False
    return actor.get("account") == xs.agent_of(enrolment.user)["account"]


def _in_course(model, page_id: int, enrolment: Enrolment) -> bool:
    # Unpublished pages included: what a learner did there stays recorded, and
    # counts only where live lessons are counted.
    return model.objects.descendant_of(enrolment.course).filter(id=page_id).exists()


def _moment(timestamp: str) -> datetime:
    try:
        moment = datetime.fromisoformat(timestamp)
    except ValueError:
        raise StatementSkipped("timestamp cannot be read") from None
    # A timestamp without an offset is only a SHOULD in xAPI 1.0.3: taken as UTC,
    # as the LRS does.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _choices(result: dict | None) -> list[int]:
    """The chosen answers' indexes of an answer to one of our quiz questions."""
    response = (result or {}).get("response")
    if response is None:
        raise StatementSkipped("answer has no response")
    try:
        return [int(i) for i in response.split("[,]")]
    except ValueError:
        raise StatementSkipped("answer response is not a list of choices") from None


def _lesson_progress(enrolment: Enrolment, *, lesson_id: int, at) -> LessonProgress:
    progress, _created = LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson_id=lesson_id, defaults={"started_at": at}
    )
    return progress


def _apply_answer(progress: LessonProgress, *, question_id: str, statement: dict):
    result = statement["result"]
    progress.answers[question_id] = {
        "response": _choices(result),
        "success": result.get("success"),
    }
    progress.save(update_fields=["answers"])


def _apply_puzzle_run(progress: LessonProgress, *, puzzle_id: str, statement: dict):
    """A puzzle run: solved once, a puzzle stays solved; the fewest blocks kept."""
    result = statement.get("result") or {}
    before = progress.answers.get(puzzle_id) or {}
    solved = bool(result.get("success"))
    raw = (result.get("score") or {}).get("raw")
    star = bool((result.get("extensions") or {}).get(xs.STAR_EXTENSION))
    best = before.get("blocks")
    if solved and isinstance(raw, int | float):
        best = int(raw) if best is None else min(best, int(raw))
    progress.answers[puzzle_id] = {
        "puzzle": True,
        "success": bool(before.get("success")) or solved,
        "star": bool(before.get("star")) or (solved and star),
        "blocks": best,
    }
    progress.save(update_fields=["answers"])


def _apply_exercise_event(
    progress: LessonProgress, *, exercise_id: str, statement: dict
):
    """A Python exercise: runs reported (passed once, it stays passed), the last
    code, the hints opened and whether the model solution was shown."""
    result = statement.get("result") or {}
    extensions = result.get("extensions") or {}
    record = {
        "exercise": True,
        "success": False,
        "runs": 0,
        "failed_runs": 0,
        "best": 0,
        "hints": 0,
        "solution_shown": False,
        "code": None,
        **(progress.answers.get(exercise_id) or {}),
    }
    if statement["verb"]["id"] == xs.ANSWERED:
        success = bool(result.get("success"))
        raw = (result.get("score") or {}).get("raw")
        record["runs"] += 1
        record["failed_runs"] += 0 if success else 1
        record["success"] = record["success"] or success
        if isinstance(raw, int | float):
            record["best"] = max(record["best"], int(raw))
        if isinstance(result.get("response"), str):
            record["code"] = result["response"]
    else:
        hint = extensions.get(xs.HINT_EXTENSION)
        if isinstance(hint, int):
            record["hints"] = max(record["hints"], hint)
        if extensions.get(xs.SOLUTION_SHOWN_EXTENSION) is True:
            record["solution_shown"] = True
    progress.answers[exercise_id] = record
    progress.save(update_fields=["answers"])


def _apply_lesson_result(
    enrolment: Enrolment, progress: LessonProgress, statement: dict, at
) -> list[str]:
    result = statement.get("result", {})
    # A score without "scaled" (raw, min, max only) is not comparable with the
    # pass mark: it is left out, the rest of the result still counts.
    scaled = result.get("score", {}).get("scaled")
    if scaled is not None:
        progress.score = scaled
    if "duration" in result:
        progress.time_spent = _duration(result["duration"], statement)
    if result.get("completion") and progress.completed_at is None:
        progress.completed_at = at
    progress.save(update_fields=["score", "time_spent", "completed_at"])
    enrolment.lessons_total = _lessons_total(enrolment)
    enrolment.lessons_completed = enrolment.lesson_progress.filter(
        completed_at__isnull=False, lesson__live=True
    ).count()
    return ["lessons_total", "lessons_completed"]


def _duration(value: str, statement: dict):
    try:
        return parse_duration(value)
    except ValueError:
        log.info("progress: duration of statement %s left out", statement.get("id"))
        return None


def _lessons_total(enrolment: Enrolment) -> int:
    return LessonPage.objects.descendant_of(enrolment.course).live().count()


def progress_project(*, statements: list[dict]) -> int:
    """Project statements stored through the LRS API; return how many applied.

    Called after commit for every batch the LRS stores. The platform's own
    statements were projected in the transaction that stored them; the others
    count only when the rule of trust says so.
    """
    rebuilt = _project_voiding(statements)
    # Most statements clients store are about their own content: the few about
    # ours, in a registration, are looked at, without a query for the others.
    candidates = [
        s
        for s in statements
        if s.get("context", {}).get("registration")
        # A rebuilt enrolment has them already.
        and s["context"]["registration"] not in rebuilt
        and selectors.statement_about_platform_activity(s)
        and not selectors.statement_is_platform_own(s)
    ]
    if not candidates:
        return 0
    authority_keys = selectors.progress_authority_keys()
    applied = 0
    for statement in candidates:
        refusal = selectors.progress_refusal(statement, authority_keys=authority_keys)
        if refusal is not None:
            _log_skip(statement, refusal)
            continue
        registration = statement.get("context", {}).get("registration")
        enrolment = registration and selectors.enrolment_by_registration(
            registration=registration
        )
        if not enrolment:
            _log_skip(statement, "registration matches no enrolment")
            continue
        applied += _apply_or_skip(enrolment, statement)
    return applied


def _project_voiding(statements: list[dict]) -> set[str]:
    """A counted voiding of a statement of ours rebuilds its enrolment.

    Returns the registrations rebuilt.
    """
    voidings = [s for s in statements if s["verb"]["id"] == xs.VOIDED]
    if not voidings:
        return set()
    authority_keys = selectors.progress_authority_keys()
    enrolments = {}
    for voiding in voidings:
        authority = lrs.agent_identity(voiding.get("authority") or {})
        if authority not in authority_keys:
            continue  # the LRS no longer serves the target; progress keeps it
        target = lrs.statement_get(statement_id=voiding["object"]["id"], voided=True)
        registration = (target or {}).get("context", {}).get("registration")
        enrolment = registration and selectors.enrolment_by_registration(
            registration=registration
        )
        if enrolment:
            enrolments[enrolment.id] = enrolment
    if enrolments:
        progress_rebuild(enrolments=list(enrolments.values()))
    return {str(enrolment.registration) for enrolment in enrolments.values()}


def _apply_or_skip(enrolment: Enrolment, statement: dict) -> int:
    """Apply one statement in a savepoint: a failure skips it, and only it."""
    try:
        with transaction.atomic():
            progress_apply(enrolment=enrolment, statement=statement)
    except StatementSkipped as skipped:
        _log_skip(statement, skipped.reason)
        return 0
    except Exception as error:
        # One statement never stops the others, whatever goes wrong with it.
        # The type only: a message could quote the statement's content.
        _log_skip(statement, f"cannot be applied ({type(error).__name__})")
        enrolment.refresh_from_db()  # the savepoint undid what was half applied
        return 0
    return 1


def _log_skip(statement: dict, reason: str) -> None:
    log.warning("progress: statement %s skipped: %s", statement.get("id"), reason)


def progress_rebuild(*, enrolments=None) -> int:
    """Recompute progress from the stored statements alone; return how many.

    Starts from scratch: whatever the tables held, stale or wrong, is replaced
    by what the statements that count say. A statement voided by an authority
    that does not count for progress still counts: anyone may void anything in
    the LRS, and that alone must not undo a learner's progress.
    """
    enrolments = list(
        enrolments
        if enrolments is not None
        else Enrolment.objects.select_related("user", "course")
    )
    by_registration = {str(e.registration): e for e in enrolments}
    registrations = list(by_registration)
    authority_keys = selectors.progress_authority_keys()
    voiders = lrs.voiding_authority_keys(registrations=registrations)
    with transaction.atomic():
        LessonProgress.objects.filter(enrolment__in=enrolments).delete()
        for enrolment in enrolments:
            _reset(enrolment)
        statements = lrs.statements_for_registrations(registrations, with_voided=True)
        for statement in statements:
            refusal = selectors.progress_refusal(
                statement, authority_keys=authority_keys
            )
            if refusal is None and voiders.get(statement["id"], set()) & authority_keys:
                refusal = "voided"
            if refusal is not None:
                _log_skip(statement, refusal)
                continue
            enrolment = by_registration[statement["context"]["registration"]]
            _apply_or_skip(enrolment, statement)
    return len(enrolments)


def _reset(enrolment: Enrolment) -> None:
    enrolment.last_lesson = None
    enrolment.last_activity_at = None
    enrolment.lessons_completed = 0
    enrolment.lessons_total = 0
    enrolment.completed_at = None
    enrolment.modules_completed = []
    enrolment.save()
