"""Writes of training paths: built and copied by managers, assigned to teams
and people with a due date, passed on to people who join a team later, and
the reminders sent about them (each once, whatever runs the task twice).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, timedelta
from uuid import UUID

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from common.commit import task_after_commit
from common.idempotency import create_once
from courses.models import CoursePage
from learners.models import User
from organisations.models import Membership, Team
from organisations.selectors import ManagerScope, members_in, teams_within
from scheduling.models import Session
from training import exceptions, selectors, tasks
from training.models import Assignment, ItemKind, PathItem, Trainee, TrainingPath

logger = logging.getLogger(__name__)

# How many days before the due date a person still on their way is reminded.
REMINDER_DAYS_BEFORE = 7


def path_create(
    *,
    scope: ManagerScope,
    created_by: User,
    name: str,
    description: str = "",
    effort_hours: int = 1,
) -> TrainingPath:
    """A new, empty path of the manager's organisation."""
    return TrainingPath.objects.create(
        organisation=scope.organisation,
        name=name.strip(),
        description=description.strip(),
        effort_hours=effort_hours,
        created_by=created_by,
    )


def path_update(
    *, path: TrainingPath, name: str, description: str, effort_hours: int
) -> TrainingPath:
    """Rename a path, or change what it says of itself."""
    path.name = name.strip()
    path.description = description.strip()
    path.effort_hours = effort_hours
    path.save(update_fields=["name", "description", "effort_hours"])
    return path


def path_copy(
    *, scope: ManagerScope, path: TrainingPath, copied_by: User
) -> TrainingPath:
    """The organisation's own copy of a path (a platform path, mostly), with
    its items in the same order, to adapt and assign."""
    with transaction.atomic():
        copy = TrainingPath.objects.create(
            organisation=scope.organisation,
            name=path.name,
            description=path.description,
            effort_hours=path.effort_hours,
            copied_from=path,
            created_by=copied_by,
        )
        PathItem.objects.bulk_create(
            PathItem(
                path=copy,
                kind=item.kind,
                course_id=item.course_id,
                session_id=item.session_id,
                sort_order=position,
            )
            for position, item in enumerate(selectors.path_items(path=path))
        )
    return copy


def path_item_add(
    *,
    path: TrainingPath,
    kind: str,
    course: CoursePage | None = None,
    session: Session | None = None,
) -> PathItem:
    """Add a course, a workshop or the positioning test at the end of the path;
    ItemAlreadyInPath if it is in it already."""
    target = {
        ItemKind.COURSE: {"course": course},
        ItemKind.WORKSHOP: {"session": session},
        ItemKind.POSITIONING_TEST: {},
    }[ItemKind(kind)]
    with transaction.atomic():
        # Locks the path: two additions at once get different positions.
        TrainingPath.objects.select_for_update().get(id=path.id)
        if path.items.filter(kind=kind, **target).exists():
            raise exceptions.ItemAlreadyInPath()
        last = path.items.aggregate(last=Max("sort_order"))["last"]
        return PathItem.objects.create(
            path=path,
            kind=kind,
            sort_order=0 if last is None else last + 1,
            **target,
        )


def path_item_remove(*, path: TrainingPath, item_id: int) -> None:
    """Take an item out of the path (progress on it stays the person's)."""
    PathItem.objects.filter(path=path, id=item_id).delete()


def path_item_move(*, path: TrainingPath, item_id: int, step: int) -> None:
    """Move an item one place earlier (step -1) or later (step +1)."""
    with transaction.atomic():
        TrainingPath.objects.select_for_update().get(id=path.id)
        ids = list(path.items.order_by("sort_order", "id").values_list("id", flat=True))
        if item_id not in ids:
            return
        index = ids.index(item_id)
        other = index + (1 if step > 0 else -1)
        if not 0 <= other < len(ids):
            return
        ids[index], ids[other] = ids[other], ids[index]
        # Numbered afresh: positions left by removals or the admin close up.
        for position, each in enumerate(ids):
            PathItem.objects.filter(id=each).update(sort_order=position)


def _team_ancestors(team_id: int) -> set[int]:
    team = Team.objects.get(id=team_id)
    parents = dict(
        Team.objects.filter(organisation_id=team.organisation_id).values_list(
            "id", "parent_id"
        )
    )
    found: set[int] = set()
    current: int | None = team_id
    while current is not None and current not in found:  # a cycle stops here
        found.add(current)
        current = parents.get(current)
    return found


def assignment_create(
    *,
    scope: ManagerScope,
    assigned_by: User,
    path: TrainingPath,
    due_on: date,
    team: Team | None = None,
    users: Iterable[User] = (),
    form_token: UUID | None = None,
) -> Assignment:
    """Give a path to a team (with the teams inside it) and/or to chosen
    people, all of whom the manager manages, to follow by ``due_on``.

    The same form sent again (``form_token``) gives back the assignment it
    made: a double click assigns once."""
    users = list(users)
    if team is None and not users:
        raise exceptions.NobodyToAssign()
    if due_on < timezone.localdate():
        raise exceptions.DueDateInThePast()
    if selectors.path_visible(scope=scope, path_id=path.id) is None:
        raise exceptions.PathNotEditable()
    if not path.items.exists():
        raise exceptions.EmptyPath()
    if team is not None and (
        team.organisation_id != scope.organisation.id or not scope.covers_team(team.id)
    ):
        raise exceptions.PeopleNotManaged()
    managed = set(
        members_in(scope=scope).filter(user__in=users).values_list("user_id", flat=True)
    )
    if len(managed) != len({user.id for user in users}):
        raise exceptions.PeopleNotManaged()
    people = set(managed)
    if team is not None:
        people |= set(
            Membership.objects.filter(
                organisation=scope.organisation,
                team_id__in=teams_within(scope=scope, team_id=team.id),
            ).values_list("user_id", flat=True)
        )

    def create() -> Assignment:
        assignment = Assignment.objects.create(
            organisation=scope.organisation,
            path=path,
            team=team,
            due_on=due_on,
            assigned_by=assigned_by,
            form_token=form_token,
        )
        Trainee.objects.bulk_create(
            Trainee(assignment=assignment, user_id=user_id) for user_id in people
        )
        return assignment

    assignment, created = create_once(
        Assignment.objects.filter(path=path, assigned_by=assigned_by),
        form_token,
        create,
    )
    if not created:
        return assignment
    task_after_commit(tasks.assignment_announce, assignment.id)
    logger.info(
        "Path %s assigned to %d people of organisation %s by user %s",
        path.id,
        len(people),
        scope.organisation.id,
        assigned_by.id,
    )
    return assignment


def assignment_withdraw(*, assignment: Assignment, withdrawn_by: User) -> None:
    """Take back an assignment (made by mistake, or no longer needed): its
    people no longer see the path; what they learnt stays theirs."""
    Assignment.objects.filter(id=assignment.id).delete()
    logger.info(
        "Assignment %s of path %s withdrawn by user %s",
        assignment.id,
        assignment.path_id,
        withdrawn_by.id,
    )


def assignment_due_date_change(
    *, assignment: Assignment, due_on: date, changed_by: User
) -> Assignment:
    """Move an assignment's due date (today or later). Its reminders go again
    for the new date: the reminder and the manager's late report are reset."""
    if due_on < timezone.localdate():
        raise exceptions.DueDateInThePast()
    with transaction.atomic():
        Assignment.objects.filter(id=assignment.id).update(due_on=due_on)
        assignment.trainees.update(reminded_at=None, overdue_reported_at=None)
    logger.info(
        "Assignment %s moved to %s by user %s", assignment.id, due_on, changed_by.id
    )
    assignment.due_on = due_on
    return assignment


def path_delete(*, path: TrainingPath, deleted_by: User) -> int:
    """Delete one of the organisation's paths with its assignments (their
    people no longer see it; what they learnt stays theirs); how many
    assignments went with it."""
    if path.is_platform:
        raise exceptions.PathNotEditable()
    with transaction.atomic():
        assignments = path.assignments.count()
        TrainingPath.objects.filter(id=path.id).delete()
    logger.info(
        "Path %s deleted with %d assignments by user %s",
        path.id,
        assignments,
        deleted_by.id,
    )
    return assignments


def team_joined(*, membership_id: int) -> int:
    """A person who joined a team (invited, or moved) gets the paths assigned
    to it and to the teams around it, still to be done, and is told of each;
    how many."""
    membership = Membership.objects.filter(id=membership_id).first()
    if membership is None or membership.team_id is None:
        return 0
    # An assignment already overdue is not given: the newcomer would be late
    # on their first day, and their manager told so at once.
    assignments = Assignment.objects.filter(
        organisation_id=membership.organisation_id,
        team_id__in=_team_ancestors(membership.team_id),
        due_on__gte=timezone.localdate(),
    )
    given = set(
        Trainee.objects.filter(
            user_id=membership.user_id, assignment__in=assignments
        ).values_list("assignment_id", flat=True)
    )
    new = [assignment for assignment in assignments if assignment.id not in given]
    Trainee.objects.bulk_create(
        [
            Trainee(assignment=assignment, user_id=membership.user_id)
            for assignment in new
        ],
        ignore_conflicts=True,  # given meanwhile, by name or by another team
    )
    _announce(Trainee.objects.filter(user_id=membership.user_id, assignment__in=new))
    return len(new)


def assignment_announce(*, assignment_id: int) -> int:
    """E-mail each person of a new assignment that the path is theirs (those
    still members); how many were told."""
    return _announce(Trainee.objects.filter(assignment_id=assignment_id))


def _announce(trainees) -> int:
    """E-mail each of these people (still members) that a path is theirs."""
    from training import notifications

    trainees = trainees.filter(selectors.still_member()).select_related(
        "user", "assignment__path", "assignment__organisation"
    )
    for trainee in trainees:
        notifications.assigned_send(trainee=trainee)
    return len(trainees)


def reminders_send(*, today: date | None = None) -> int:
    """E-mail each person whose path is due within a few days and not done,
    once per assignment; how many were sent."""
    from training import notifications

    today = today or timezone.localdate()
    candidates = selectors.with_progress(
        Trainee.objects.filter(
            selectors.still_member(),
            reminded_at__isnull=True,
            assignment__due_on__gte=today,
            assignment__due_on__lte=today + timedelta(days=REMINDER_DAYS_BEFORE),
        )
    ).select_related("user", "assignment__path", "assignment__organisation")
    sent = 0
    for trainee in candidates:
        if selectors.is_complete(trainee) or not _claimed(trainee, "reminded_at"):
            continue
        notifications.reminder_send(trainee=trainee)
        sent += 1
    return sent


def overdue_report_send(*, today: date | None = None) -> int:
    """Tell the manager who assigned a path (else the organisation's managers)
    about each person late on it, once per person and assignment; how many."""
    from training import notifications

    today = today or timezone.localdate()
    candidates = selectors.with_progress(
        Trainee.objects.filter(
            selectors.still_member(),
            overdue_reported_at__isnull=True,
            assignment__due_on__lt=today,
        )
    ).select_related(
        "user", "assignment__path", "assignment__organisation", "assignment__team"
    )
    sent = 0
    for trainee in candidates:
        if selectors.is_complete(trainee) or not _claimed(
            trainee, "overdue_reported_at"
        ):
            continue
        notifications.overdue_send(trainee=trainee)
        sent += 1
    return sent


def _claimed(trainee: Trainee, field: str) -> bool:
    # The conditional update is the guard: of two runs at once, one sends.
    return bool(
        Trainee.objects.filter(id=trainee.id, **{f"{field}__isnull": True}).update(
            **{field: timezone.now()}
        )
    )
