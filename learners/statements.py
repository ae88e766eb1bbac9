"""The xAPI statements of learner actions, built with tincan objects.

Activity ids are IRIs made of page ids, so they survive a slug change or a move;
the actor is an account whose name is the learner's opaque uid, never an e-mail.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from tincan import (
    Activity,
    ActivityDefinition,
    Agent,
    AgentAccount,
    Context,
    ContextActivities,
    LanguageMap,
    Result,
    Score,
    Statement,
    Verb,
)

from learners.learning_mode import (
    ACCOMPANIED,
    ALONE,
    current_accompaniment,
    learning_mode_iri,
)

ADL = "http://adlnet.gov/expapi/verbs/"
REGISTERED = f"{ADL}registered"
EXPERIENCED = f"{ADL}experienced"
ANSWERED = f"{ADL}answered"
ATTEMPTED = f"{ADL}attempted"
COMPLETED = f"{ADL}completed"
PASSED = f"{ADL}passed"
FAILED = f"{ADL}failed"
INTERACTED = f"{ADL}interacted"
VOIDED = f"{ADL}voided"
VERB_NAMES = {
    REGISTERED: "registered",
    EXPERIENCED: "experienced",
    ANSWERED: "answered",
    ATTEMPTED: "attempted",
    COMPLETED: "completed",
    PASSED: "passed",
    FAILED: "failed",
    INTERACTED: "interacted",
}
ACTIVITY_TYPES = {
    "courses": "http://adlnet.gov/expapi/activities/course",
    "modules": "http://adlnet.gov/expapi/activities/module",
    "lessons": "http://adlnet.gov/expapi/activities/lesson",
    "questions": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "puzzles": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "exercises": "http://adlnet.gov/expapi/activities/cmi.interaction",
}
ACTIVITY_PATH = re.compile(
    r"activities/(?P<kind>courses|modules|lessons)/(?P<id>\d+)"
    r"(?:/(?P<part>questions|puzzles|exercises)/(?P<question>[\w-]+))?$"
)
# Extensions of a puzzle run's result.
STAR_EXTENSION = "https://w3id.org/xapi/wallcode/extensions/star"
ERROR_EXTENSION = "https://w3id.org/xapi/wallcode/extensions/program-error"
# Extensions of a Python exercise's statements.
TIMED_OUT_EXTENSION = "https://w3id.org/xapi/wallcode/extensions/timed-out"
HINT_EXTENSION = "https://w3id.org/xapi/wallcode/extensions/hint"
SOLUTION_SHOWN_EXTENSION = "https://w3id.org/xapi/wallcode/extensions/solution-shown"
MAX_PROGRAM_RESPONSE = 8000  # characters of a program kept as result.response


def activity_iri(kind: str, page_id: int, question_id: str = "", part="questions"):
    """The stable IRI of a course, module, lesson, question or puzzle."""
    iri = f"{settings.XAPI_IRI_BASE}activities/{kind}/{page_id}"
    return f"{iri}/{part}/{question_id}" if question_id else iri


def parse_activity_iri(iri: str) -> tuple[str, int, str] | None:
    """(kind, page id, question or puzzle id) of one of our IRIs, else None.

    The kind of a question is "questions", of a puzzle "puzzles", of a Python
    exercise "exercises".
    """
    if not iri.startswith(settings.XAPI_IRI_BASE):
        return None
    match = ACTIVITY_PATH.search(iri)
    if match is None:
        return None
    kind = match["part"] if match["question"] else match["kind"]
    return kind, int(match["id"]), match["question"] or ""


def platform_authority() -> dict:
    """The authority of statements the platform makes about its own learners."""
    return {
        "objectType": "Agent",
        "name": settings.XAPI_PLATFORM,
        "account": {"homePage": settings.XAPI_IRI_BASE, "name": "platform"},
    }


def learner_agent(learner) -> Agent:
    return Agent(
        account=AgentAccount(
            home_page=settings.XAPI_IRI_BASE, name=str(learner.learner_uid)
        )
    )


def agent_of(learner) -> dict:
    """The learner as an xAPI agent (JSON), as the LRS filters expect it."""
    return json.loads(learner_agent(learner).to_json())


def learner_iri(learner) -> str:
    """The learner's xAPI account as one IRI: names them, says nothing of them.

    Stable for the life of the account (``XAPI_IRI_BASE`` does not move with
    the site, the uid never changes), so a badge hashed on it stays theirs.
    """
    return f"{settings.XAPI_IRI_BASE}learners/{learner.learner_uid}"


def _activity(
    kind: str, page, *, question_id: str = "", definition=None, part="questions"
) -> Activity:
    if definition is None:
        definition = ActivityDefinition(
            name=LanguageMap({_language(page): page.title}),
            type=ACTIVITY_TYPES[kind],
        )
    return Activity(
        id=activity_iri(kind, page.id, question_id, part), definition=definition
    )


def _language(page) -> str:
    return getattr(page, "language", None) or settings.LANGUAGE_CODE


def _context(enrolment, *, parents: list[Activity]) -> Context:
    course = enrolment.course
    accompanied = current_accompaniment()
    instructor = None
    if accompanied is not None:
        instructor = Agent(
            account=AgentAccount(
                home_page=settings.XAPI_IRI_BASE, name=accompanied["facilitator_uid"]
            )
        )
    return Context(
        registration=str(enrolment.registration),
        context_activities=ContextActivities(
            parent=parents or None,
            grouping=[_activity("courses", course)] if parents else None,
        ),
        language=course.language,
        platform=settings.XAPI_PLATFORM,
        instructor=instructor,
        extensions={
            learning_mode_iri(): ACCOMPANIED if accompanied is not None else ALONE
        },
    )


def _statement(enrolment, verb: str, target: Activity, context: Context, result=None):
    statement = Statement(
        actor=learner_agent(enrolment.user),
        verb=Verb(id=verb, display=LanguageMap({"en-US": VERB_NAMES[verb]})),
        object=target,
        context=context,
        result=result,
        timestamp=timezone.now(),
    )
    return json.loads(statement.to_json())


def course_statement(enrolment, verb: str, *, result: Result | None = None) -> dict:
    """registered / completed for the whole course."""
    target = _activity("courses", enrolment.course)
    return _statement(enrolment, verb, target, _context(enrolment, parents=[]), result)


def module_statement(enrolment, module, verb: str) -> dict:
    context = _context(enrolment, parents=[_activity("courses", enrolment.course)])
    return _statement(enrolment, verb, _activity("modules", module), context)


def lesson_statement(
    enrolment,
    lesson,
    verb: str,
    *,
    score: float | None = None,
    duration: timedelta | None = None,
) -> dict:
    """experienced / completed / passed / failed for a lesson, with its score."""
    result = None
    if verb in (COMPLETED, PASSED, FAILED):
        result = Result(
            completion=verb != FAILED,
            success=None if verb == COMPLETED else verb == PASSED,
            score=Score(scaled=round(score, 4)) if score is not None else None,
            duration=duration,
        )
    context = _context(enrolment, parents=[_lesson_parent(lesson)])
    return _statement(enrolment, verb, _activity("lessons", lesson), context, result)


def answer_statement(
    enrolment,
    lesson,
    *,
    question_id: str,
    question: dict,
    chosen: list[int],
    success: bool,
) -> dict:
    """answered, for one quiz question, with the response and its success."""
    definition = ActivityDefinition(
        name=LanguageMap({_language(lesson.course): question["prompt"]}),
        type=ACTIVITY_TYPES["questions"],
        # True/false questions are choices too: their answers are worded by editors.
        interaction_type="choice",
        correct_responses_pattern=[_correct_pattern(question)],
        choices=[
            {"id": str(i), "description": {_language(lesson.course): answer["text"]}}
            for i, answer in enumerate(question["answers"])
        ],
    )
    target = _activity(
        "lessons", lesson, question_id=question_id, definition=definition
    )
    context = _context(enrolment, parents=[_activity("lessons", lesson)])
    result = Result(success=success, response="[,]".join(str(i) for i in chosen))
    return _statement(enrolment, ANSWERED, target, context, result)


def puzzle_statement(
    enrolment,
    lesson,
    verb: str,
    *,
    puzzle_id: str,
    puzzle: dict,
    program: str = "",
    success: bool = False,
    blocks: int | None = None,
    star: bool = False,
    error_code: str = "",
) -> dict:
    """answered / passed / failed / attempted, for one run of a block puzzle.

    answered: a program ran, with the program (bounded) as the response and the
    number of blocks as the raw score; passed: it solved the puzzle, failed: it
    did not; interacted: the learner opened the hint; attempted:
    the program was refused before running (its error code, no response).
    """
    definition = ActivityDefinition(
        name=LanguageMap({_language(lesson.course): puzzle["title"]}),
        type=ACTIVITY_TYPES["puzzles"],
        interaction_type="other",
    )
    target = _activity(
        "lessons", lesson, question_id=puzzle_id, definition=definition, part="puzzles"
    )
    context = _context(enrolment, parents=[_activity("lessons", lesson)])
    if verb == INTERACTED:  # the puzzle's hint opened
        result = Result(extensions={HINT_EXTENSION: 1})
    elif verb == ATTEMPTED:
        result = Result(success=False, extensions={ERROR_EXTENSION: error_code})
    else:
        result = Result(
            success=success,
            completion=success if verb == PASSED else None,
            response=program[:MAX_PROGRAM_RESPONSE] if verb == ANSWERED else None,
            score=Score(raw=blocks, min=0) if blocks is not None else None,
            extensions={STAR_EXTENSION: star},
        )
    return _statement(enrolment, verb, target, context, result)


def exercise_statement(
    enrolment,
    lesson,
    verb: str,
    *,
    exercise_id: str,
    exercise: dict,
    code: str = "",
    tests_passed: int = 0,
    timed_out: bool = False,
    hint: int | None = None,
    solution_shown: bool = False,
) -> dict:
    """One event of a Python exercise.

    answered: a run the browser reported, the code (bounded) as the response and
    the tests passed as the score; passed / failed: whether every test passed;
    interacted: a hint opened (its number) or the model solution shown.
    """
    definition = ActivityDefinition(
        name=LanguageMap({_language(lesson.course): exercise["title"]}),
        type=ACTIVITY_TYPES["exercises"],
        interaction_type="other",
    )
    target = _activity(
        "lessons",
        lesson,
        question_id=exercise_id,
        definition=definition,
        part="exercises",
    )
    context = _context(enrolment, parents=[_activity("lessons", lesson)])
    if verb == INTERACTED:
        extensions = {HINT_EXTENSION: hint} if hint else {}
        if solution_shown:
            extensions[SOLUTION_SHOWN_EXTENSION] = True
        result = Result(extensions=extensions)
    else:
        total = len(exercise["tests"])
        success = tests_passed == total and not timed_out
        result = Result(
            success=success,
            completion=success if verb == PASSED else None,
            response=code[:MAX_PROGRAM_RESPONSE] if verb == ANSWERED else None,
            score=Score(raw=tests_passed, min=0, max=total),
            extensions={TIMED_OUT_EXTENSION: timed_out},
        )
    return _statement(enrolment, verb, target, context, result)


def _correct_pattern(question: dict) -> str:
    return "[,]".join(
        str(i) for i, answer in enumerate(question["answers"]) if answer["correct"]
    )


def _lesson_parent(lesson) -> Activity:
    return _activity("modules", lesson.module)
