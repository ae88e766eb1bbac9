"""Managers' reports on training paths: per path and team, who has not started,
who is on the way, who is done and who is late; per person, the courses of
their paths with scores, time spent and badges.

Every figure is computed by the database. A person's status is a ``Case`` over
the subqueries of ``selectors.with_progress``; the summary is one ``GROUP BY``
path, team and status (a handful of rows however many people); the people's
table is filtered, sorted and paged by the database. Managers see scores and
completion only: the answers a person gave (``LessonProgress.answers``) are
never read here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import (
    Avg,
    Case,
    Count,
    DurationField,
    Exists,
    F,
    FloatField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from badges.models import Assertion
from courses.models import CoursePage
from learners.models import Enrolment, LessonProgress
from organisations.models import Membership, Team
from organisations.selectors import ManagerScope, teams_within
from training.models import Assignment, ItemKind, PathItem, Trainee, TrainingPath
from training.selectors import item_done_for, items_count, trainees_managed


class Status(models.TextChoices):
    """Where a person is in an assigned path. Late wins over started or not:
    it is what a manager acts on. In the order a manager reads them, which is
    the reverse order of the values: sorting by ``-status`` is that order,
    with no second expression for the database to compute per person."""

    OVERDUE = "overdue", _("Late")
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


STATUS_ORDER = list(Status.values)


class Sort(models.TextChoices):
    NAME = "name", _("Name")
    TEAM = "team", _("Team")
    PATH = "path", _("Path")
    DUE = "due", _("Due date")
    STATUS = "status", _("Status")
    PROGRESS = "progress", _("Progress")


ORDERINGS = {
    Sort.NAME: ["user__display_name", "user__email"],
    Sort.TEAM: [F("team_name").asc(nulls_last=True), "user__display_name"],
    Sort.PATH: ["assignment__path__name", "user__display_name"],
    Sort.DUE: ["assignment__due_on", "user__display_name"],
    Sort.STATUS: ["-status", "assignment__due_on", "user__display_name"],
    Sort.PROGRESS: ["-share_done", "user__display_name"],
}


@dataclass(frozen=True)
class Filters:
    """What the manager narrowed the report to (nothing: everything)."""

    path_id: int | None = None
    team_id: int | None = None
    status: str = ""
    sort: str = Sort.NAME


def _path_courses(path_ref) -> QuerySet[PathItem]:
    return PathItem.objects.filter(path=path_ref, kind=ItemKind.COURSE).values("course")


def _membership_value(name: str) -> Subquery:
    """The person's team (its id or name) in the assignment's organisation:
    one look-up in the membership's unique index (no ordering, no join)."""
    return Subquery(
        Membership.objects.filter(
            organisation_id=OuterRef("assignment__organisation_id"),
            user_id=OuterRef("user_id"),
        )
        .order_by()
        .values(name)[:1]
    )


def _lessons_of_path_courses() -> QuerySet[LessonProgress]:
    """The person's lessons in the courses of the trainee row's path."""
    return LessonProgress.objects.filter(
        enrolment__user=OuterRef("user"),
        enrolment__course__in=_path_courses(OuterRef(OuterRef("assignment__path"))),
    ).order_by()


def _score_and_time(lessons: QuerySet[LessonProgress], per: str) -> dict:
    """The average score (0 to 1) and the time spent of the lessons, each one
    subquery grouped ``per`` the row the lessons belong to (a person, a course)."""

    def aggregated(rows, aggregate, output) -> Subquery:
        grouped = rows.values(per).annotate(value=aggregate)
        return Subquery(grouped.values("value"), output_field=output)

    return {
        "score": aggregated(
            lessons.filter(score__isnull=False), Avg("score"), FloatField()
        ),
        "time_spent": aggregated(
            lessons.filter(time_spent__isnull=False),
            Sum("time_spent"),
            DurationField(),
        ),
    }


def with_status(trainees: QuerySet[Trainee], *, today: date) -> QuerySet[Trainee]:
    """Each person's progress, status, team, average score (0 to 1) and time
    spent in the courses of the path.

    PostgreSQL evaluates a subquery each time the SQL names it, and Django
    writes an annotation out wherever another one uses it. So the status asks
    only whether an item is left to do (which stops at the first one found)
    and whether anything was begun; the figures shown are counted apart, and
    ``people_page`` computes them for the rows of the page only.
    """
    items = PathItem.objects.filter(path=OuterRef("assignment__path"))
    done = item_done_for(OuterRef(OuterRef("user")))
    begun = Exists(
        Enrolment.objects.filter(
            user=OuterRef("user"),
            course__in=_path_courses(OuterRef(OuterRef("assignment__path"))),
        )
    ) | Exists(items.filter(done))
    status = Case(
        When(Exists(items) & ~Exists(items.exclude(done)), then=Value(Status.DONE)),
        When(assignment__due_on__lt=today, then=Value(Status.OVERDUE)),
        When(begun, then=Value(Status.IN_PROGRESS)),
        default=Value(Status.NOT_STARTED),
    )
    lessons = _lessons_of_path_courses()
    return trainees.annotate(
        items_total=items_count(items),
        items_done=items_count(items.filter(done)),
        status=status,
        team_name=_membership_value("team__name"),
        **_score_and_time(lessons, per="enrolment__user"),
        share_done=Case(
            When(items_total=0, then=Value(0.0)),
            default=F("items_done") * 1.0 / F("items_total"),
            output_field=FloatField(),
        ),
    )


def _filtered(scope: ManagerScope, filters: Filters) -> QuerySet[Trainee]:
    trainees = trainees_managed(scope)
    if filters.path_id:
        trainees = trainees.filter(assignment__path_id=filters.path_id)
    if filters.team_id:
        trainees = trainees.filter(
            Exists(
                Membership.objects.filter(
                    organisation=scope.organisation,
                    user=OuterRef("user"),
                    team_id__in=teams_within(scope=scope, team_id=filters.team_id),
                )
            )
        )
    return trainees


def people(scope: ManagerScope, filters: Filters) -> QuerySet[Trainee]:
    """One row per person and assigned path, filtered and sorted."""
    rows = with_status(_filtered(scope, filters), today=timezone.localdate())
    if filters.status:
        rows = rows.filter(status=filters.status)
    ordering = ORDERINGS.get(filters.sort, ORDERINGS[Sort.NAME])
    return rows.select_related("user", "assignment__path").order_by(*ordering, "id")


EXPORT_FIELDS = [
    "user__display_name",
    "user__email",
    "team_name",
    "assignment__path__name",
    "assignment__due_on",
    "status",
    "items_done",
    "items_total",
    "score",
    "time_spent",
]


def people_for_export(scope: ManagerScope, filters: Filters):
    """Every row of ``people`` as plain values (``EXPORT_FIELDS``, in this
    order), read in chunks: no model is built for each of 10,000 rows."""
    return people(scope, filters).values_list(*EXPORT_FIELDS).iterator(chunk_size=2000)


def people_page(
    scope: ManagerScope, filters: Filters, number, *, per_page: int
) -> Page:
    """One page of ``people``. The page's rows are chosen first by their sort
    keys alone; their figures are then computed for those rows only (else the
    database would compute them for every row skipped before the page)."""
    rows = people(scope, filters)
    page = Paginator(rows.values_list("id", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    found = {row.id: row for row in rows.filter(id__in=ids)}
    page.object_list = [found[row_id] for row_id in ids if row_id in found]
    return page


@dataclass
class SummaryRow:
    """How many people of a team are at each status in a path."""

    path_id: int
    path_name: str
    team_name: str | None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)


def summary(scope: ManagerScope, filters: Filters) -> list[SummaryRow]:
    """Per path and team, the number of people at each status: one grouped
    query (path, team, status), whatever the number of people."""
    grouped = (
        with_status(_filtered(scope, filters), today=timezone.localdate())
        .annotate(team_id=_membership_value("team_id"))
        .values("assignment__path_id", "assignment__path__name", "team_id", "status")
        .annotate(people=Count("id"))
        .order_by()
    )
    team_names = dict(
        Team.objects.filter(organisation=scope.organisation).values_list("id", "name")
    )
    rows: dict[tuple, SummaryRow] = {}
    for group in grouped:
        key = (group["assignment__path_id"], group["team_id"])
        if key not in rows:
            rows[key] = SummaryRow(
                group["assignment__path_id"],
                group["assignment__path__name"],
                team_names.get(group["team_id"]),
            )
        counts = rows[key].counts
        counts[group["status"]] = counts.get(group["status"], 0) + group["people"]
    return sorted(
        rows.values(),
        key=lambda row: (
            row.path_name,
            row.path_id,
            row.team_name is None,
            row.team_name or "",
        ),
    )


def paths_reported(scope: ManagerScope) -> QuerySet[TrainingPath]:
    """The paths the organisation assigned, for the report's filter."""
    return TrainingPath.objects.filter(
        Exists(
            Assignment.objects.filter(
                organisation=scope.organisation, path=OuterRef("pk")
            )
        )
    ).order_by("name", "id")


def person_in(*, scope: ManagerScope, user_id: int) -> Membership | None:
    """A person of the manager's teams who was assigned a path; None for
    anyone else (another organisation's, another team's)."""
    if not trainees_managed(scope).filter(user_id=user_id).exists():
        return None
    return (
        Membership.objects.filter(organisation=scope.organisation, user_id=user_id)
        .select_related("user", "team")
        .first()
    )


def _assigned_courses(scope: ManagerScope, user) -> QuerySet[PathItem]:
    """The ids of the courses in the paths the organisation gave the person;
    nothing of their other courses, which are theirs only."""
    return PathItem.objects.filter(
        kind=ItemKind.COURSE,
        path__assignments__organisation=scope.organisation,
        path__assignments__trainees__user=user,
    ).values("course")


def person_courses(*, scope: ManagerScope, user) -> QuerySet[CoursePage]:
    """The courses of the paths the organisation gave the person, each with
    their progress, average score (0 to 1) and time spent."""
    assigned = _assigned_courses(scope, user)
    enrolment = Enrolment.objects.filter(user=user, course=OuterRef("pk"))
    lessons = LessonProgress.objects.filter(
        enrolment__user=user, enrolment__course=OuterRef("pk")
    ).order_by()

    return (
        CoursePage.objects.filter(id__in=assigned)
        .annotate(
            enrolled=Exists(enrolment),
            lessons_completed=Subquery(enrolment.values("lessons_completed")),
            lessons_total=Subquery(enrolment.values("lessons_total")),
            completed_at=Subquery(enrolment.values("completed_at")),
            **_score_and_time(lessons, per="enrolment__course"),
        )
        .order_by("title")
    )


def person_badges(*, scope: ManagerScope, user) -> QuerySet[Assertion]:
    """The badges the person earned with the courses of their paths."""
    return (
        Assertion.objects.filter(
            recipient=user,
            revoked_at__isnull=True,
            badge_class__rule_course__in=_assigned_courses(scope, user),
        )
        .select_related("badge_class")
        .order_by("-issued_on")
    )
