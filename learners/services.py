"""Writes of learners: enrolment and every learning action.

Every learner action goes through ``learning_statement_record``: the one place
that stores the action as an xAPI statement in the platform's LRS and projects it
into progress, in one transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.auth import update_session_auth_hash
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.users.models import UserProfile

from courses.blocks import QuestionKind, puzzle_of
from courses.models import CoursePage, LessonPage
from courses.selectors import solution_offered
from learners import exceptions, login_cards, selectors
from learners import statements as xs
from learners.models import Enrolment, LoginCard, User
from learners.progress import progress_apply
from learners.statements import platform_authority
from puzzles import Outcome, ProgramError, verify
from xapi import selectors as lrs_selectors
from xapi import services as lrs
from xapi.documents import documents_forget


def learning_statement_record(*, enrolment: Enrolment, statement: dict) -> None:
    """Store one learner action in the LRS and project it into progress."""
    with transaction.atomic():
        lrs.statement_store(statement=statement, authority=platform_authority())
        progress_apply(enrolment=enrolment, statement=statement)


def enrolment_create(*, user: User, course: CoursePage) -> Enrolment:
    """Enrol a learner in a live course; enrolling twice returns the same one."""
    if not selectors.course_is_available(course=course):
        raise exceptions.CourseNotAvailable()
    with transaction.atomic():
        enrolment, created = Enrolment.objects.get_or_create(user=user, course=course)
        if created:
            learning_statement_record(
                enrolment=enrolment,
                statement=xs.course_statement(enrolment, xs.REGISTERED),
            )
    return enrolment


# A lesson read again within this time (a reload, back from the next lesson, a
# question answered) is the same visit: no new statement.
VISIT_SECONDS = 30 * 60


def lesson_visit(*, enrolment: Enrolment, lesson: LessonPage) -> None:
    """An enrolled learner opens a lesson: an experience, unless this visit was
    recorded already (each answer reloads the page; writing a statement each
    time was most of a lesson page's cost, and told the LRS nothing new)."""
    key = f"lesson-visit:{enrolment.id}:{lesson.id}"
    if cache.add(key, True, VISIT_SECONDS):
        lesson_experience(enrolment=enrolment, lesson=lesson)


def lesson_experience(*, enrolment: Enrolment, lesson: LessonPage) -> None:
    """Record that an enrolled learner opened a lesson."""
    learning_statement_record(
        enrolment=enrolment,
        statement=xs.lesson_statement(enrolment, lesson, xs.EXPERIENCED),
    )


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
    learning_statement_record(
        enrolment=enrolment,
        statement=xs.answer_statement(
            enrolment,
            lesson,
            question_id=question_id,
            question=question,
            chosen=chosen,
            success=success,
        ),
    )
    return AnswerResult(success=success, response=chosen)


# What the learner reads when a program is refused, by ProgramError code.
PROGRAM_ERROR_MESSAGES = {
    "empty_program": _("Put some blocks on the workspace first."),
    "several_stacks": _(
        "Join all your blocks into one stack: a loose block is not run."
    ),
    "too_many_blocks": _("This program has too many blocks."),
    "too_deep": _("Your blocks are nested too deep."),
    "too_large": _("This program is too big."),
    "block_not_offered": _("This puzzle does not offer one of the blocks you used."),
    "disabled_block": _("One of your blocks is switched off."),
    "missing_field": _("One of your blocks is not filled in."),
    "invalid_field": _("One of your blocks has a value that is not allowed."),
}
DEFAULT_PROGRAM_ERROR = _("This program cannot be read. Build it with the blocks.")


@dataclass(frozen=True)
class PuzzleRunResult:
    outcome: Outcome
    lesson_completed: bool  # the lesson is done (now or before)


def puzzle_run(
    *, user: User, lesson: LessonPage, puzzle_id: str, program: str
) -> PuzzleRunResult:
    """Run a learner's Blockly program on a puzzle on the server and record it.

    A program that runs is recorded as answered, then passed when it solves the
    puzzle, else failed; one refused before running only as attempted, and
    ProgramRefused is raised with a message for the learner.
    """
    enrolment = _enrolment_for_lesson(user=user, lesson=lesson)
    value = lesson.puzzles.get(puzzle_id)
    if value is None:
        raise exceptions.PuzzleNotFound()
    puzzle = puzzle_of(value)
    try:
        outcome = verify(puzzle, program)
    except ProgramError as error:
        learning_statement_record(
            enrolment=enrolment,
            statement=xs.puzzle_statement(
                enrolment,
                lesson,
                xs.ATTEMPTED,
                puzzle_id=puzzle_id,
                puzzle=value,
                error_code=error.code,
            ),
        )
        raise exceptions.ProgramRefused(
            PROGRAM_ERROR_MESSAGES.get(error.code, DEFAULT_PROGRAM_ERROR),
            program_code=error.code,
            block_id=error.block_id,
        ) from None
    common = {
        "puzzle_id": puzzle_id,
        "puzzle": value,
        "success": outcome.solved,
        "blocks": outcome.blocks,
        "star": outcome.star,
    }
    with transaction.atomic():
        learning_statement_record(
            enrolment=enrolment,
            statement=xs.puzzle_statement(
                enrolment, lesson, xs.ANSWERED, program=program, **common
            ),
        )
        verdict = xs.PASSED if outcome.solved else xs.FAILED
        learning_statement_record(
            enrolment=enrolment,
            statement=xs.puzzle_statement(enrolment, lesson, verdict, **common),
        )
    completed = outcome.solved and _complete_when_passed(enrolment, lesson)
    return PuzzleRunResult(outcome=outcome, lesson_completed=completed)


@dataclass(frozen=True)
class ExerciseReportResult:
    success: bool
    solution: str  # the model solution once it is offered, else ""
    lesson_completed: bool


def exercise_report(
    *,
    user: User,
    lesson: LessonPage,
    exercise_id: str,
    code: str,
    passed: list[bool],
    timed_out: bool = False,
    run_id: uuid.UUID | None = None,
) -> ExerciseReportResult:
    """Record a run of a Python exercise as the learner's browser reports it.

    The browser ran the tests (one result per test, in order) or stopped the
    program after the time limit. Nothing here proves the code passes: a pass
    completes the lesson only when the editor let the exercise count. A run
    reported again (same ``run_id``: a retry, a request sent twice) is
    recorded once.
    """
    enrolment = _enrolment_for_lesson(user=user, lesson=lesson)
    exercise = _exercise_get(lesson, exercise_id)
    if timed_out:
        passed = [False] * len(exercise["tests"])
    if len(passed) != len(exercise["tests"]) or not all(
        isinstance(result, bool) for result in passed
    ):
        raise exceptions.ReportRefused()
    common = {
        "exercise_id": exercise_id,
        "exercise": exercise,
        "tests_passed": sum(passed),
        "timed_out": timed_out,
    }
    success = all(passed) and not timed_out
    answered = xs.exercise_statement(
        enrolment, lesson, xs.ANSWERED, code=code, **common
    )
    outcome = xs.exercise_statement(
        enrolment, lesson, xs.PASSED if success else xs.FAILED, **common
    )
    with transaction.atomic():
        if run_id is not None:
            answered["id"], outcome["id"] = _run_statement_ids(enrolment, run_id)
            # One report of the learner's at a time: a copy sent at the same
            # instant waits, then finds the run recorded.
            Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
        if run_id is None or not lrs_selectors.statement_get(
            statement_id=answered["id"]
        ):
            learning_statement_record(enrolment=enrolment, statement=answered)
            learning_statement_record(enrolment=enrolment, statement=outcome)
    completed = success and exercise["counts"]
    completed = completed and _complete_when_passed(enrolment, lesson)
    record = _exercise_record(enrolment, lesson, exercise_id)
    return ExerciseReportResult(
        success=success,
        solution=exercise["solution"] if solution_offered(exercise, record) else "",
        lesson_completed=completed,
    )


def _run_statement_ids(enrolment: Enrolment, run_id: uuid.UUID) -> tuple[str, str]:
    """The ids of a run's two statements: the same for the same run, and
    another learner's browser cannot name this learner's."""
    run = uuid.uuid5(enrolment.registration, str(run_id))
    return str(run), str(uuid.uuid5(run, "outcome"))


def exercise_hint_reveal(
    *, user: User, lesson: LessonPage, exercise_id: str, number: int | None = None
) -> int:
    """Open the next hint of an exercise; answer how many are open now.

    ``number`` is the hint the learner asked for (the form says which): asked
    twice (a double click, a form sent again), it is opened once.
    """
    enrolment = _enrolment_for_lesson(user=user, lesson=lesson)
    exercise = _exercise_get(lesson, exercise_id)
    opened = _exercise_record(enrolment, lesson, exercise_id).get("hints", 0)
    if opened >= len(exercise["hints"]) or (number is not None and number <= opened):
        return opened
    _exercise_interaction(enrolment, lesson, exercise_id, hint=opened + 1)
    return opened + 1


def exercise_solution_show(*, user: User, lesson: LessonPage, exercise_id: str) -> str:
    """The learner gives up: record it and answer the model solution."""
    enrolment = _enrolment_for_lesson(user=user, lesson=lesson)
    exercise = _exercise_get(lesson, exercise_id)
    if not _exercise_record(enrolment, lesson, exercise_id).get("solution_shown"):
        _exercise_interaction(enrolment, lesson, exercise_id, solution_shown=True)
    return exercise["solution"]


def _exercise_interaction(enrolment, lesson, exercise_id: str, **what) -> None:
    """A hint opened or the solution shown, as an `interacted` statement."""
    learning_statement_record(
        enrolment=enrolment,
        statement=xs.exercise_statement(
            enrolment,
            lesson,
            xs.INTERACTED,
            exercise_id=exercise_id,
            exercise=lesson.exercises[exercise_id],
            **what,
        ),
    )


def _exercise_get(lesson: LessonPage, exercise_id: str) -> dict:
    exercise = lesson.exercises.get(exercise_id)
    if exercise is None:
        raise exceptions.ExerciseNotFound()
    return exercise


def _exercise_record(enrolment: Enrolment, lesson: LessonPage, exercise_id) -> dict:
    progress = selectors.lesson_progress_get(enrolment=enrolment, lesson=lesson)
    return (progress.answers.get(exercise_id) if progress else None) or {}


def puzzle_hint_open(*, user: User, lesson: LessonPage, puzzle_id: str) -> None:
    """Record that the learner opened a puzzle's hint (who is stuck where)."""
    enrolment = _enrolment_for_lesson(user=user, lesson=lesson)
    value = lesson.puzzles.get(puzzle_id)
    if value is None or not value["hint"]:
        raise exceptions.PuzzleNotFound()
    learning_statement_record(
        enrolment=enrolment,
        statement=xs.puzzle_statement(
            enrolment, lesson, xs.INTERACTED, puzzle_id=puzzle_id, puzzle=value
        ),
    )


def _complete_when_passed(enrolment: Enrolment, lesson: LessonPage) -> bool:
    """A lesson of puzzles (or counted exercises) only is done once enough of
    them are solved.

    As if the learner pressed "I have finished": a child who solved the last
    puzzle is not asked for more. A lesson with quiz questions waits for them.
    """
    progress = selectors.lesson_progress_get(enrolment=enrolment, lesson=lesson)
    if progress is None:
        return False
    if progress.completed_at is not None:
        return True
    if lesson.questions:
        return False
    score = _quiz_score(lesson, progress.answers)
    if score is None or score * 100 < lesson.pass_mark:
        return False
    return lesson_complete(user=enrolment.user, lesson=lesson).passed


@dataclass(frozen=True)
class CompletionResult:
    passed: bool
    enrolment: Enrolment


def lesson_complete(*, user: User, lesson: LessonPage) -> CompletionResult:
    """Finish a lesson: passed (or failed) when it has a quiz, else completed.

    A failed attempt is recorded too: it is part of the learner's history.
    Completing the last lesson of a module or of the course completes them too.
    """
    enrolment = _enrolment_for_lesson(user=user, lesson=lesson)
    progress = selectors.lesson_progress_get(enrolment=enrolment, lesson=lesson)
    score = _quiz_score(lesson, progress.answers if progress else {})
    if score is None:
        verb = xs.COMPLETED
    else:
        verb = xs.PASSED if score * 100 >= lesson.pass_mark else xs.FAILED
    duration = timezone.now() - progress.started_at if progress else None
    with transaction.atomic():
        learning_statement_record(
            enrolment=enrolment,
            statement=xs.lesson_statement(
                enrolment, lesson, verb, score=score, duration=duration
            ),
        )
        if verb != xs.FAILED:
            _complete_module_and_course(enrolment, lesson)
    enrolment.refresh_from_db()
    return CompletionResult(passed=verb != xs.FAILED, enrolment=enrolment)


def _quiz_score(lesson: LessonPage, answers: dict) -> float | None:
    """Share of the lesson's questions answered correctly, puzzles solved and
    counted exercises passed.

    None when the lesson has none: a solved puzzle counts as a question
    answered right.
    """
    checked = lesson.checked_parts
    if not checked:
        return None
    right = sum(1 for key in checked if answers.get(key, {}).get("success"))
    return right / len(checked)


def _complete_module_and_course(enrolment: Enrolment, lesson: LessonPage) -> None:
    done = selectors.completed_lesson_ids(enrolment=enrolment)
    module = lesson.get_parent()
    module_lessons = (
        LessonPage.objects.child_of(module).live().values_list("id", flat=True)
    )
    if set(module_lessons) <= done and not selectors.module_completed(
        enrolment=enrolment, module=module
    ):
        learning_statement_record(
            enrolment=enrolment,
            statement=xs.module_statement(enrolment, module, xs.COMPLETED),
        )
    enrolment.refresh_from_db()
    if enrolment.completed_at is None and (
        enrolment.lessons_completed >= enrolment.lessons_total
    ):
        learning_statement_record(
            enrolment=enrolment,
            statement=xs.course_statement(enrolment, xs.COMPLETED, result=None),
        )


def user_profile_update(*, user: User, **fields) -> User:
    """Save the editable profile fields of a user."""
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=list(fields))
    if "language" in fields:
        # Wagtail's e-mails (moderation) follow the same choice.
        UserProfile.objects.filter(user=user).update(preferred_language=user.language)
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


def email_and_password_add(*, request, user: User, email: str, password: str) -> User:
    """Give an assisted account an e-mail address (to confirm) and a password.

    Everything the person did stays theirs: it is the same account. Their card
    keeps working until a facilitator or they themselves revoke it.
    """
    from allauth.account.models import EmailAddress

    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exclude(id=user.id).exists():
        raise exceptions.EmailUnavailable()
    try:
        with transaction.atomic():
            user.email = email
            user.set_password(password)
            user.save(update_fields=["email", "password"])
            EmailAddress.objects.filter(user=user).delete()
            EmailAddress.objects.create(user=user, email=email, primary=True)
    except IntegrityError:  # taken between the check and the write
        user.refresh_from_db()
        raise exceptions.EmailUnavailable() from None
    # Changing the password signs out other sessions; this one goes on.
    update_session_auth_hash(request, user)
    address = EmailAddress.objects.get(user=user, email=email)
    address.send_confirmation(request)
    return user


def learner_data_export(*, user: User) -> dict:
    """Everything the platform holds about a learner, as JSON-ready data.

    Apps above learners (badges, bookings) add their sections through the
    ``learner_data_export`` hook: a function of the user returning a dict.
    """
    data = _learner_own_data(user)
    for hook in hooks.get_hooks("learner_data_export"):
        data.update(hook(user))
    return data


def _learner_own_data(user: User) -> dict:
    enrolments = selectors.enrolments_for_dashboard(user=user)
    return {
        "profile": {
            "email": user.email,
            "display_name": user.display_name,
            "language": user.language,
            "postal_code": user.postal_code,
            "commune": user.commune,
            "age_band": user.age_band,
            "learner_type": user.learner_type,
            "phone": user.phone,
            "date_joined": user.date_joined.isoformat(),
            "xapi_account": xs.agent_of(user)["account"],
        },
        "enrolments": [
            {
                "course": enrolment.course_title,
                "registration": str(enrolment.registration),
                "enrolled_at": enrolment.enrolled_at.isoformat(),
                "lessons_completed": enrolment.lessons_completed,
                "lessons_total": enrolment.lessons_total,
                "completed_at": enrolment.completed_at
                and enrolment.completed_at.isoformat(),
            }
            for enrolment in enrolments
        ],
        "login_cards": [
            {
                # The code names the card; its PIN and QR key are never kept.
                "code": login_cards.code_display(card.code),
                "issued_at": card.issued_at.isoformat(),
                "last_used_at": card.last_used_at and card.last_used_at.isoformat(),
                "revoked_at": card.revoked_at and card.revoked_at.isoformat(),
            }
            for card in LoginCard.objects.filter(user=user)
        ],
        "statements": selectors.learner_statements(user=user),
    }


def learner_erase(*, user: User) -> None:
    """Erase a learner: their statements, then the account (progress follows).

    Everything attached to the account goes with it (login cards, consents,
    and in the apps above: bookings, badges, accompaniments...). Those apps
    first let go of what the person holds for others to use, such as a booked
    seat, through the ``learner_before_erase`` hook: a function of the user,
    run in the erasure's transaction.
    """
    with transaction.atomic():
        for hook in hooks.get_hooks("learner_before_erase"):
            hook(user)
        lrs.agent_forget(agent=xs.agent_of(user))
        documents_forget(agent=xs.agent_of(user))
        user.delete()
