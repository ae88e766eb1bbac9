"""Writes of classes: a class, its children's accounts and cards, its course.

The children's accounts are assisted accounts (``learners``), as the EPN desk
makes them, without phone, postal code or age: a first name or nickname only.
Their parents' consent is the one the Wallcode registration records; the
member who adds children confirms it, and the addition keeps who and when.

A child taken out of a class, or the children of a class deleted, have their
accounts erased as any erasure does (``learners.services.learner_erase``: their
statements, progress, enrolments and cards). An account whose holder has since
given it an e-mail address is theirs, as the desk's retention holds: it only
leaves the class.
"""

from __future__ import annotations

import logging
from uuid import UUID

from django.db import transaction

from classes import exceptions
from classes.models import ChildrenAdded, ClassChild, Classroom
from common.idempotency import create_once
from courses.models import CoursePage
from learners import exceptions as learning_errors
from learners import login_cards
from learners import selectors as learning_selectors
from learners import services as learning
from learners.login_cards import IssuedCard
from learners.models import User
from scheduling.models import Membership, Organiser

logger = logging.getLogger(__name__)

# A class, a club's group: more than this is a school, not a class.
MOST_CHILDREN = 40


def _member_or_refuse(*, organiser: Organiser, user: User) -> None:
    is_member = Membership.objects.filter(
        organiser=organiser, user=user, organiser__kind=Organiser.Kind.PARTNER
    ).exists()
    if not is_member:
        raise exceptions.NotPartnerMember()


def classroom_create(
    *,
    organiser: Organiser,
    created_by: User,
    name: str,
    form_token: UUID | None = None,
) -> Classroom:
    """Make a class for a partner one is a member of; the same form sent twice
    makes one class."""
    _member_or_refuse(organiser=organiser, user=created_by)
    name = name.strip()
    classroom, _created = create_once(
        Classroom.objects.filter(organiser=organiser, created_by=created_by, name=name),
        form_token,
        lambda: Classroom.objects.create(
            organiser=organiser, created_by=created_by, name=name, form_token=form_token
        ),
    )
    return classroom


def children_add(
    *,
    classroom: Classroom,
    added_by: User,
    names: list[str],
    guardian_consent: bool,
    language: str = "fr",
    form_token: UUID | None = None,
) -> tuple[ChildrenAdded, list[tuple[ClassChild, IssuedCard]]]:
    """Make an account and a login card for each first name, in the class and
    in its course; with the guardians' consent confirmed, else nothing.

    Returns the addition and the new cards (their secrets exist only there).
    The same form sent twice adds the children once, and gives no cards again.
    """
    if not guardian_consent:
        raise exceptions.GuardianConsentMissing()
    names = [name.strip() for name in names if name.strip()]
    if not names:
        raise exceptions.NoChildNames()
    issued: list[tuple[ClassChild, IssuedCard]] = []

    def add() -> ChildrenAdded:
        with transaction.atomic():
            locked = Classroom.objects.select_for_update().get(id=classroom.id)
            if locked.children.count() + len(names) > MOST_CHILDREN:
                raise exceptions.TooManyChildren(most=MOST_CHILDREN)
            addition = ChildrenAdded.objects.create(
                classroom=locked,
                added_by=added_by,
                guardian_consent_confirmed=True,
                form_token=form_token,
            )
            for name in names:
                issued.append(_child_create(locked, addition, name, language))
            return addition

    addition, _created = create_once(
        ChildrenAdded.objects.filter(classroom=classroom, added_by=added_by),
        form_token,
        add,
    )
    return addition, issued


def _child_create(
    classroom: Classroom, addition: ChildrenAdded, name: str, language: str
) -> tuple[ClassChild, IssuedCard]:
    learner = User.objects.create_assisted_user(display_name=name, language=language)
    child = ClassChild.objects.create(
        classroom=classroom, learner=learner, added=addition
    )
    if classroom.course is not None:
        learning.enrolment_create(user=learner, course=classroom.course)
    return child, login_cards.card_issue(user=learner, issued_by=addition.added_by)


def cards_reissue(
    *, classroom: Classroom, issued_by: User, children: list[ClassChild] | None = None
) -> list[tuple[ClassChild, IssuedCard]]:
    """New cards for the class's children (all, or these): the old ones stop
    working, as at the desk."""
    chosen = children if children is not None else list(classroom.children.all())
    with transaction.atomic():
        return [
            (
                child,
                login_cards.card_issue(user=child.learner, issued_by=issued_by),
            )
            for child in chosen
            if child.classroom_id == classroom.id
        ]


def course_assign(*, classroom: Classroom, course: CoursePage) -> Classroom:
    """Give the class a course: every child is enrolled in it (and every child
    added later). The children keep their progress in a course assigned before."""
    if not learning_selectors.course_is_available(course=course):
        raise learning_errors.CourseNotAvailable()
    with transaction.atomic():
        classroom.course = course
        classroom.save(update_fields=["course"])
        for child in classroom.children.select_related("learner"):
            learning.enrolment_create(user=child.learner, course=course)
    return classroom


def child_remove(*, child: ClassChild, removed_by: User) -> ClassChild:
    """Take a child out of their class (they left the school, or were added by
    mistake): their account is erased with everything in it, card included.

    Returns the child as it was; ChildNotInClass if already gone (a form sent
    twice), checked under a lock so that the account is erased once.
    """
    _member_or_refuse(organiser=child.classroom.organiser, user=removed_by)
    with transaction.atomic():
        locked = (
            ClassChild.objects.select_for_update()
            .filter(id=child.id, classroom_id=child.classroom_id)
            .select_related("learner")
            .first()
        )
        if locked is None:
            raise exceptions.ChildNotInClass()
        _child_erase(locked)
    logger.info(
        "Child %s removed from class %s by user %s",
        locked.learner_id,
        child.classroom_id,
        removed_by.id,
    )
    return locked


def classroom_delete(*, classroom: Classroom, deleted_by: User) -> int:
    """Delete a class (the school year is over): every child's account is
    erased, then the class with its records. Returns how many children it had.

    ClassroomGone if it is already deleted (a form sent twice).
    """
    _member_or_refuse(organiser=classroom.organiser, user=deleted_by)
    with transaction.atomic():
        locked = Classroom.objects.select_for_update().filter(id=classroom.id).first()
        if locked is None:
            raise exceptions.ClassroomGone()
        children = list(locked.children.select_related("learner"))
        for child in children:
            _child_erase(child)
        locked.delete()
    logger.info(
        "Class %s deleted with %d children by user %s",
        classroom.id,
        len(children),
        deleted_by.id,
    )
    return len(children)


def _child_erase(child: ClassChild) -> None:
    if child.learner.is_assisted:
        learning.learner_erase(user=child.learner)
    else:  # given an e-mail address since: the account is its holder's
        child.delete()
