"""Reads of training paths, each limited to what the viewer may see.

Progress is derived, never stored: an item is done when the person's enrolment
in its course is completed, when they attended its workshop, or (the
positioning test) when they finished a test. Each is an ``Exists`` subquery,
so a whole team's progress is one query, not one per person.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from assessment.models import Attempt
from common.accents import Unaccent, unaccented
from courses.models import CoursePage
from learners.models import Enrolment, User
from organisations.models import Membership
from organisations.selectors import ManagerScope, members_in
from scheduling.models import Booking, Session
from training.models import Assignment, ItemKind, PathItem, Trainee, TrainingPath


def item_done_for(user_ref) -> Q:
    """Whether a path item (the row of a PathItem query) is done by the person
    ``user_ref`` points to (an id or an OuterRef)."""
    course_completed = Exists(
        Enrolment.objects.filter(
            user=user_ref, course=OuterRef("course"), completed_at__isnull=False
        )
    )
    workshop_attended = Exists(
        Booking.objects.filter(
            user=user_ref, session=OuterRef("session"), attended=True
        )
    )
    test_finished = Exists(
        Attempt.objects.filter(user=user_ref, finished_at__isnull=False)
    )
    return (
        (Q(kind=ItemKind.COURSE) & course_completed)
        | (Q(kind=ItemKind.WORKSHOP) & workshop_attended)
        | (Q(kind=ItemKind.POSITIONING_TEST) & test_finished)
    )


def items_count(items: QuerySet[PathItem]) -> Coalesce:
    counted = items.order_by().values("path").annotate(number=Count("id"))
    return Coalesce(
        Subquery(counted.values("number"), output_field=IntegerField()), Value(0)
    )


def with_progress(trainees: QuerySet[Trainee]) -> QuerySet[Trainee]:
    """Each person's items in the path, those done, and the first not done."""
    items = PathItem.objects.filter(path=OuterRef("assignment__path"))
    done = item_done_for(OuterRef(OuterRef("user")))
    return trainees.annotate(
        items_total=items_count(items),
        items_done=items_count(items.filter(done)),
        next_item_id=Subquery(
            items.exclude(done).order_by("sort_order", "id").values("id")[:1]
        ),
    )


def is_complete(trainee: Trainee) -> bool:
    """Every item of the path done (read from ``with_progress``'s figures)."""
    return trainee.items_total > 0 and trainee.items_done >= trainee.items_total


def is_overdue(trainee: Trainee, *, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return trainee.assignment.due_on < today and not is_complete(trainee)


def still_member() -> Exists:
    # A person who left the organisation no longer follows its paths.
    return Exists(
        Membership.objects.filter(
            organisation=OuterRef("assignment__organisation"), user=OuterRef("user")
        )
    )


def assignments_for_learner(*, user) -> list[Trainee]:
    """The paths assigned to a person, soonest due first, each with its
    progress and its next item (course, workshop or test) to follow."""
    if not Trainee.objects.filter(user=user).exists():
        # Most people have no path: building the progress query (subqueries
        # within subqueries) cost more CPU than the rest of their dashboard.
        return []
    trainees = list(_learners_paths(user).order_by("assignment__due_on", "id"))
    _next_items_attach(trainees)
    return trainees


def _learners_paths(user) -> QuerySet[Trainee]:
    """The person's paths, of organisations they still belong to, with progress."""
    return with_progress(
        Trainee.objects.filter(still_member(), user=user)
    ).select_related("assignment__path", "assignment__organisation")


def _next_items_attach(trainees: list[Trainee]) -> None:
    ids = {trainee.next_item_id for trainee in trainees if trainee.next_item_id}
    items = PathItem.objects.filter(id__in=ids).select_related("course", "session")
    by_id = {item.id: item for item in items}
    today = timezone.localdate()
    for trainee in trainees:
        trainee.next_item = by_id.get(trainee.next_item_id)
        trainee.complete = is_complete(trainee)
        trainee.overdue = is_overdue(trainee, today=today)
        trainee.days_late = (today - trainee.assignment.due_on).days


def assignment_of_learner(
    *, user, organisation_id: int, trainee_id: int
) -> Trainee | None:
    """One of the paths assigned to the person, with the progress and the
    figures of ``assignments_for_learner``; None for anyone else's, another
    organisation's, or one of an organisation the person left."""
    trainee = (
        _learners_paths(user)
        .filter(id=trainee_id, assignment__organisation_id=organisation_id)
        .first()
    )
    if trainee is not None:
        _next_items_attach([trainee])
    return trainee


def steps_for_learner(*, trainee: Trainee) -> QuerySet[PathItem]:
    """The items of the person's path in order, each saying whether it is done
    (as ``with_progress`` counts it), with the person's lessons done in a
    course and their booking of a workshop: one query, however many items."""
    user_id = trainee.user_id
    enrolment = Enrolment.objects.filter(user_id=user_id, course=OuterRef("course"))
    booking = Booking.objects.filter(
        user_id=user_id, session=OuterRef("session")
    ).exclude(status=Booking.Status.CANCELLED)
    return path_items(path=trainee.assignment.path).annotate(
        done=ExpressionWrapper(item_done_for(user_id), BooleanField()),
        lessons_completed=Subquery(enrolment.values("lessons_completed")[:1]),
        lessons_total=Subquery(enrolment.values("lessons_total")[:1]),
        booking_status=Subquery(booking.order_by("-created_at").values("status")[:1]),
    )


def paths_of(*, scope: ManagerScope) -> QuerySet[TrainingPath]:
    """The organisation's own paths, with their number of items."""
    return (
        TrainingPath.objects.filter(organisation=scope.organisation)
        .annotate(items_count=Count("items"))
        .order_by("name", "id")
    )


def platform_paths() -> QuerySet[TrainingPath]:
    """The paths the platform's editors published, for any manager to reuse."""
    return (
        TrainingPath.objects.filter(organisation__isnull=True, published=True)
        .annotate(items_count=Count("items"))
        .order_by("name", "id")
    )


def path_visible(*, scope: ManagerScope, path_id: int) -> TrainingPath | None:
    """A path the manager may read, assign or copy: their organisation's, or a
    published platform path; None for another organisation's."""
    return (
        TrainingPath.objects.filter(
            Q(organisation=scope.organisation)
            | Q(organisation__isnull=True, published=True),
            id=path_id,
        )
        .select_related("organisation")
        .first()
    )


def can_edit(*, scope: ManagerScope, user, path: TrainingPath) -> bool:
    """A manager edits the organisation's paths; a team manager those they made
    (a path another manager assigned elsewhere is not theirs to change)."""
    if path.organisation_id != scope.organisation.id:
        return False
    return scope.whole or path.created_by_id == user.id


def people_following(*, path: TrainingPath) -> int:
    """How many people the path is assigned to (once each)."""
    return (
        Trainee.objects.filter(assignment__path=path).values("user").distinct().count()
    )


def path_items(*, path: TrainingPath) -> QuerySet[PathItem]:
    return path.items.select_related("course", "session").order_by("sort_order", "id")


def path_item(*, path: TrainingPath, item_id: int) -> PathItem | None:
    """One item of the path, with its course or workshop; None for another
    path's (or one removed)."""
    return path_items(path=path).filter(id=item_id).first()


def courses_to_choose() -> QuerySet[CoursePage]:
    """The catalogue's live courses, by title."""
    return CoursePage.objects.live().public().order_by("title")


def workshops_to_choose() -> QuerySet[Session]:
    """The agenda's published workshops still to come, soonest first."""
    return Session.objects.filter(
        status=Session.Status.PUBLISHED, starts_at__gte=timezone.now()
    ).order_by("starts_at")


def people_to_assign(*, scope: ManagerScope) -> QuerySet[User]:
    """The people a manager may give a path to, by name then address."""
    return User.objects.filter(
        id__in=members_in(scope=scope).values("user_id")
    ).order_by("display_name", "email", "id")


def people_matching(*, scope: ManagerScope, text: str) -> QuerySet[User]:
    """The people a manager may give a path to whose name or e-mail address
    holds every word of ``text``, whatever the case and the accents
    ("Helene" finds "Hélène", "François" finds "Francois")."""
    people = people_to_assign(scope=scope).alias(
        name_key=Unaccent("display_name"), email_key=Unaccent("email")
    )
    for word in text.split():
        key = unaccented(word)
        people = people.filter(Q(name_key__icontains=key) | Q(email_key__icontains=key))
    return people


def people_among(*, scope: ManagerScope, ids: Iterable[int]) -> QuerySet[User]:
    """The people a manager may give a path to among these ids (others, and
    people outside the scope, are left out)."""
    return people_to_assign(scope=scope).filter(id__in=ids)


def people_with_addresses(
    *, scope: ManagerScope, addresses: list[str]
) -> QuerySet[User]:
    """The people a manager may give a path to among these e-mail addresses
    (lower-cased): one query, however many addresses."""
    return (
        people_to_assign(scope=scope)
        .alias(email_key=Lower("email"))
        .filter(email_key__in=addresses)
    )


def assignments_in(*, scope: ManagerScope, user) -> QuerySet[Assignment]:
    """The assignments a manager follows: all of the organisation's for a
    manager; for a team manager, those of their teams and those they made."""
    assignments = Assignment.objects.filter(organisation=scope.organisation)
    if not scope.whole:
        assignments = assignments.filter(
            Q(team_id__in=scope.team_ids) | Q(assigned_by=user)
        )
    return assignments.select_related("path", "team")


def assignment_in(*, scope: ManagerScope, user, assignment_id: int):
    return assignments_in(scope=scope, user=user).filter(id=assignment_id).first()


def trainees_managed(scope: ManagerScope) -> QuerySet[Trainee]:
    """The people of the organisation's assignments whom the manager manages
    (a team manager: the people of their teams), still members."""
    trainees = Trainee.objects.filter(
        still_member(), assignment__organisation=scope.organisation
    )
    if not scope.whole:  # a team manager follows the people of their teams
        trainees = trainees.filter(
            Exists(
                Membership.objects.filter(
                    organisation=scope.organisation,
                    user=OuterRef("user"),
                    team_id__in=scope.team_ids,
                )
            )
        )
    return trainees


def trainees_of(*, scope: ManagerScope, assignment: Assignment) -> list[Trainee]:
    """The people of an assignment the manager manages, with their progress."""
    trainees = trainees_managed(scope).filter(assignment=assignment)
    found = list(
        with_progress(trainees)
        .select_related("user", "assignment")
        .order_by("user__display_name", "user__email", "id")
    )
    _next_items_attach(found)
    return found


def assignments_with_counts(*, scope: ManagerScope, user) -> list[Assignment]:
    """The assignments a manager follows, each with how many of their people
    are done and how many are late: one query for the people's progress."""
    assignments = list(assignments_in(scope=scope, user=user))
    figures = with_progress(
        trainees_managed(scope).filter(assignment__in=assignments)
    ).values_list("assignment_id", "items_done", "items_total")
    counts: dict[int, list[int]] = {}
    for assignment_id, done, total in figures:
        tally = counts.setdefault(assignment_id, [0, 0])
        tally[0] += 1
        tally[1] += total > 0 and done >= total
    today = timezone.localdate()
    for assignment in assignments:
        people, done = counts.get(assignment.id, [0, 0])
        assignment.people_count = people
        assignment.done_count = done
        assignment.late_count = people - done if assignment.due_on < today else 0
    return assignments
