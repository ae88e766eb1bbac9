"""Reads of learners: enrolments, progress and availability of content."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Avg, F, QuerySet
from wagtail.models import Page

from courses.models import CoursePage, LessonPage, hidden_ancestors
from learners import statements as xs
from learners.models import Enrolment, LessonProgress, User
from xapi import selectors as lrs


def course_is_available(*, course: CoursePage) -> bool:
    """A course can be followed when it and its ancestors are live and public."""
    if not course.live:
        return False
    return not hidden_ancestors(course).exists()


def lesson_is_available(*, lesson: LessonPage) -> bool:
    """A lesson can be followed when it, its module and its course are live."""
    return lesson.is_available


def enrolment_get(*, user: User, enrolment_id: int) -> Enrolment | None:
    """The user's own enrolment with that id, or None (never someone else's)."""
    return (
        Enrolment.objects.filter(user=user, id=enrolment_id)
        .select_related("course", "last_lesson")
        .first()
    )


def enrolment_for_course(*, user: User, course: Page) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    enrolment = Enrolment.objects.filter(user=user, course_id=course.id).first()
    if enrolment is not None:
        _with_user_and_course(enrolment, user, course)
    return enrolment


def _with_user_and_course(enrolment: Enrolment, user: User, course: Page) -> None:
    # Both at hand: the statements written for the page read them.
    enrolment.user = user
    if isinstance(course, CoursePage):
        enrolment.course = course


def enrolment_for_lesson(*, user: User, lesson: LessonPage) -> Enrolment | None:
    """The user's enrolment in the course that holds ``lesson``."""
    if not user.is_authenticated:
        return None
    course = lesson.course
    if course is None:
        return None
    return enrolment_for_course(user=user, course=course)


def enrolments_for_dashboard(*, user: User) -> QuerySet[Enrolment]:
    """A learner's enrolments, most recently active first, ready to list, each
    with its course's title and language as ``course_title`` and
    ``course_language``: a list shows nothing else of its courses, and building
    each course page (Wagtail's ~40 columns) was half of a dashboard's CPU
    (bench/README.md)."""
    return Enrolment.objects.filter(user=user).annotate(
        course_title=F("course__title"), course_language=F("course__language")
    )


@dataclass(frozen=True)
class CourseResult:
    """How a learner finished a course: when, and the average of its quiz scores."""

    completed_at: datetime | None
    average_score: float | None  # 0..1, over the lessons with a quiz


def course_result(*, user: User, course_id: int) -> CourseResult | None:
    """A learner's result in a course, or None when not enrolled."""
    enrolment = Enrolment.objects.filter(user=user, course_id=course_id).first()
    if enrolment is None:
        return None
    scores = enrolment.lesson_progress.filter(score__isnull=False).aggregate(
        average=Avg("score")
    )
    return CourseResult(
        completed_at=enrolment.completed_at, average_score=scores["average"]
    )


def enrolment_by_registration(*, registration: str) -> Enrolment | None:
    """The enrolment whose statements carry this xAPI context registration."""
    try:
        return Enrolment.objects.select_related("user").get(registration=registration)
    except (Enrolment.DoesNotExist, ValidationError):
        return None


def completed_enrolments(*, user: User) -> QuerySet[Enrolment]:
    """A learner's completed courses, most recent first."""
    return (
        Enrolment.objects.filter(user=user, completed_at__isnull=False)
        .select_related("course")
        .order_by("-completed_at")
    )


def lesson_progress_get(*, enrolment: Enrolment, lesson: Page) -> LessonProgress | None:
    return LessonProgress.objects.filter(
        enrolment=enrolment, lesson_id=lesson.id
    ).first()


@dataclass(frozen=True)
class LessonPageState:
    """What a lesson page shows of the learner: their enrolment in its course,
    their answers in the lesson and the lessons done."""

    enrolment: Enrolment | None
    answers: dict = field(default_factory=dict)
    completed: frozenset[int] = frozenset()


def lesson_page_state(*, user: User, course: Page, lesson: Page) -> LessonPageState:
    """The learner's enrolment, answers in ``lesson`` and completed lessons, in
    one query (the other lessons' answers stay in the database).

    Every lesson a learner reads asks this: it is written in SQL, once, because
    building it through the ORM cost three times the query itself (~0.7 of
    ~1 ms of CPU per page, bench/README.md). The enrolment is still made by
    the ORM from its row (``raw``), with its fields' converters.
    """
    if not user.is_authenticated or course is None:
        return LessonPageState(enrolment=None)
    rows = list(
        Enrolment.objects.raw(
            _LESSON_PAGE_STATE_SQL, [lesson.id, lesson.id, user.pk, course.id]
        )
    )
    if not rows:
        return LessonPageState(enrolment=None)
    answers_field = LessonProgress._meta.get_field("answers")
    answers = {}
    completed = set()
    for row in rows:
        if row.progress_completed:
            completed.add(row.progress_lesson_id)
        if row.progress_answers is not None:
            answers = answers_field.from_db_value(
                row.progress_answers, None, connections[row._state.db]
            )
    enrolment = rows[0]
    for extra in _LESSON_PAGE_STATE_EXTRAS:
        delattr(enrolment, extra)  # the query's columns, not the enrolment's
    _with_user_and_course(enrolment, user, course)
    return LessonPageState(
        enrolment=enrolment, answers=answers, completed=frozenset(completed)
    )


def _lesson_page_state_sql() -> str:
    enrolment = Enrolment._meta
    progress = LessonProgress._meta
    columns = ", ".join(f"e.{f.column}" for f in enrolment.concrete_fields)
    return (
        f"SELECT {columns}, p.lesson_id AS progress_lesson_id,"
        " p.completed_at IS NOT NULL AS progress_completed,"
        " CASE WHEN p.lesson_id = %s THEN p.answers END AS progress_answers"
        f" FROM {enrolment.db_table} e LEFT JOIN {progress.db_table} p"
        " ON p.enrolment_id = e.id"
        " AND (p.lesson_id = %s OR p.completed_at IS NOT NULL)"
        " WHERE e.user_id = %s AND e.course_id = %s"
    )


_LESSON_PAGE_STATE_SQL = _lesson_page_state_sql()
_LESSON_PAGE_STATE_EXTRAS = (
    "progress_lesson_id",
    "progress_completed",
    "progress_answers",
)


def completed_lesson_ids(*, enrolment: Enrolment) -> set[int]:
    return set(
        enrolment.lesson_progress.filter(completed_at__isnull=False).values_list(
            "lesson_id", flat=True
        )
    )


def resume_lesson(*, enrolment: Enrolment, lessons: list[Page]) -> Page | None:
    """Where the learner left off: the first lesson not yet done, in course order."""
    done = completed_lesson_ids(enrolment=enrolment)
    for lesson in lessons:
        if lesson.id not in done:
            return lesson
    return lessons[-1] if lessons else None


def module_completed(*, enrolment: Enrolment, module: Page) -> bool:
    """Whether the learner has completed this module (from the projection)."""
    return module.id in enrolment.modules_completed


def enrolment_statements(*, enrolment: Enrolment) -> list[dict]:
    """The statements of one enrolment, in the order they happened."""
    return lrs.statements_for_registrations([enrolment.registration])


def learner_statements(*, user: User) -> list[dict]:
    """Every statement the LRS holds about the learner as actor, oldest first."""
    rows = lrs.statements_filter(agent=xs.agent_of(user), ascending=True)
    return list(rows.values_list("data", flat=True))


def user_ids_by_learner_uid(*, uids: list[str]) -> set[int]:
    """The accounts behind xAPI actors (their opaque learner uids)."""
    valid = []
    for uid in uids:
        try:
            valid.append(uuid.UUID(uid))
        except ValueError:
            continue
    if not valid:
        return set()
    return set(User.objects.filter(learner_uid__in=valid).values_list("id", flat=True))


def progress_authority_keys() -> frozenset[str]:
    """Whose statements count toward progress: the platform's, trusted clients'."""
    platform = lrs.agent_identity(xs.platform_authority())
    return frozenset({platform}) | lrs.trusted_authority_keys()


def statement_counts_for_progress(
    statement: dict, *, authority_keys: frozenset[str]
) -> bool:
    """The one rule of trust for progress, certificates and badges.

    A statement counts only when it is about one of the platform's own
    activities and its authority (set by the LRS, never by the sender) is the
    platform or a client an operator trusts for progress; ``authority_keys``
    comes from ``progress_authority_keys``. Anything else is stored and served
    by the LRS, and never projected.
    """
    return progress_refusal(statement, authority_keys=authority_keys) is None


def progress_refusal(statement: dict, *, authority_keys: frozenset[str]) -> str | None:
    """Why the rule of trust leaves a statement out of progress; None if it counts."""
    if xs.parse_activity_iri(_object_id(statement)) is None:
        return "object is not an activity of the platform"
    authority = statement.get("authority")
    if not authority or lrs.agent_identity(authority) not in authority_keys:
        return "authority is not trusted for progress"
    return None


def statement_is_platform_own(statement: dict) -> bool:
    """Whether the platform itself stored it (and projected it as it did)."""
    authority = statement.get("authority") or {}
    return lrs.agent_identity(authority) == lrs.agent_identity(xs.platform_authority())


def _object_id(statement: dict) -> str:
    target = statement.get("object", {})
    if target.get("objectType", "Activity") != "Activity":
        return ""
    return target.get("id", "")


def statement_about_platform_activity(statement: dict) -> bool:
    """Whether the object is one of the platform's courses, modules or lessons."""
    return xs.parse_activity_iri(_object_id(statement)) is not None
