"""Reads of classes; each is limited to the classes of the viewer's partners."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery

from classes.models import ClassChild, Classroom
from courses import selectors as course_selectors
from courses.models import CoursePage, LessonPage
from desk import selectors as desk_selectors
from learners.models import LessonProgress, LoginCard
from scheduling import selectors as scheduling
from scheduling.models import Organiser


def is_partner_member(*, user) -> bool:
    """Whether this person is a member of a Wallcode partner; no query when the
    menu has asked already."""
    return user.is_authenticated and any(
        organiser.kind == Organiser.Kind.PARTNER
        for organiser in scheduling.member_organisers(user=user)
    )


def partner_organisers(*, user) -> QuerySet[Organiser]:
    """The Wallcode partners (their organisers) this person is a member of."""
    return Organiser.objects.filter(
        memberships__user=user, kind=Organiser.Kind.PARTNER
    ).order_by("name")


def classrooms_for(*, user) -> QuerySet[Classroom]:
    """The classes of the viewer's partners, with their number of children."""
    return (
        Classroom.objects.filter(
            organiser__memberships__user=user,
            organiser__kind=Organiser.Kind.PARTNER,
        )
        .select_related("organiser", "course")
        .annotate(children_count=Count("children", distinct=True))
        .order_by("organiser__name", "name", "id")
    )


def classroom_for_member(*, user, classroom_id: int) -> Classroom | None:
    """One class of the viewer's partners; None for anyone else's."""
    return (
        Classroom.objects.filter(
            id=classroom_id,
            organiser__memberships__user=user,
            organiser__kind=Organiser.Kind.PARTNER,
        )
        .select_related("organiser", "course")
        .first()
    )


def children_of(*, classroom: Classroom) -> QuerySet[ClassChild]:
    """The children of a class, by first name, with their accounts and the code
    of their live card (None once stopped)."""
    live_card = LoginCard.objects.filter(
        user=OuterRef("learner_id"), revoked_at__isnull=True
    )
    return (
        classroom.children.select_related("learner")
        .annotate(
            live_card_code=Subquery(live_card.values("code")[:1]),
            card_used_at=Subquery(live_card.values("last_used_at")[:1]),
        )
        .order_by("learner__display_name", "id")
    )


def courses_to_assign() -> QuerySet[CoursePage]:
    """The courses a class may follow: those the desk enrols people in."""
    return desk_selectors.courses_to_enrol()


SOLVED, TRIED, NOT_STARTED = "solved", "tried", "not_started"


@dataclass(frozen=True)
class PuzzleColumn:
    """A puzzle or Python exercise of the course, in the order met."""

    number: int
    lesson_title: str
    puzzle_id: str
    title: str


@dataclass(frozen=True)
class ProgressCell:
    state: str  # SOLVED, TRIED or NOT_STARTED
    star: bool = False


@dataclass(frozen=True)
class ChildProgress:
    child: ClassChild
    cells: list[ProgressCell]
    solved: int
    # The first puzzle tried and not solved: where the child is stuck.
    stuck_at: PuzzleColumn | None


@dataclass(frozen=True)
class ClassProgress:
    columns: list[PuzzleColumn]
    rows: list[ChildProgress]


def class_progress(*, classroom: Classroom) -> ClassProgress:
    """Each child of the class, each puzzle of its course: solved (with a star
    or not), tried and not solved, or not started. A fixed number of queries."""
    children = list(children_of(classroom=classroom))
    columns = _puzzle_columns(classroom.course)
    results = _puzzle_results(classroom, children, columns)
    rows = []
    for child in children:
        mine = results.get(child.learner_id, {})
        cells = [_cell(mine.get(column.puzzle_id)) for column in columns]
        stuck = next(
            (
                col
                for col, cell in zip(columns, cells, strict=True)
                if cell.state == TRIED
            ),
            None,
        )
        solved = sum(cell.state == SOLVED for cell in cells)
        rows.append(
            ChildProgress(child=child, cells=cells, solved=solved, stuck_at=stuck)
        )
    return ClassProgress(columns=columns, rows=rows)


def _puzzle_columns(course: CoursePage | None) -> list[PuzzleColumn]:
    outline = course_selectors.course_outline(course=course)
    order = [page.id for page in course_selectors.outline_lessons(outline)]
    lessons = LessonPage.objects.in_bulk(order)
    columns: list[PuzzleColumn] = []
    for lesson_id in order:
        lesson = lessons.get(lesson_id)
        if lesson is None:
            continue
        for puzzle_id, value in [*lesson.puzzles.items(), *lesson.exercises.items()]:
            columns.append(
                PuzzleColumn(
                    number=len(columns) + 1,
                    lesson_title=lesson.title,
                    puzzle_id=puzzle_id,
                    title=value["title"],
                )
            )
    return columns


def _puzzle_results(
    classroom: Classroom, children: list[ClassChild], columns: list[PuzzleColumn]
) -> dict[int, dict[str, dict]]:
    """Per child (learner id), per puzzle id: the run's record in their progress."""
    if not columns or not children:
        return {}
    rows = LessonProgress.objects.filter(
        enrolment__course=classroom.course,
        enrolment__user_id__in=[child.learner_id for child in children],
    ).values_list("enrolment__user_id", "answers")
    wanted = {column.puzzle_id for column in columns}
    results: dict[int, dict[str, dict]] = {}
    for learner_id, answers in rows:
        mine = results.setdefault(learner_id, {})
        for key, record in (answers or {}).items():
            if key in wanted and isinstance(record, dict):
                mine[key] = _tried_only(record)
    return results


def _tried_only(record: dict) -> dict | None:
    """A record of a puzzle or of an exercise run; an exercise whose hints
    were read but never run is not started."""
    if record.get("exercise") and not record.get("runs"):
        return None
    return record


def _cell(record: dict | None) -> ProgressCell:
    if record is None:
        return ProgressCell(NOT_STARTED)
    if record.get("success"):
        return ProgressCell(SOLVED, star=bool(record.get("star")))
    return ProgressCell(TRIED)


def places_of(*, person) -> QuerySet[ClassChild]:
    """The classes a person is a child of (for their own data export)."""
    return ClassChild.objects.filter(learner=person).select_related(
        "classroom__organiser", "added"
    )
