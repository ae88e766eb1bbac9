"""Reads of the EPN desk; every one is limited to what the viewer may see."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from courses.models import CoursePage
from desk.models import Accompaniment, OnBehalfAction
from learners.models import AssistedConsent
from scheduling import selectors as scheduling
from scheduling.models import Booking, Membership, Organiser, Session


def desk_spaces(*, user) -> QuerySet[Organiser]:
    """The EPN spaces where this person runs the desk."""
    return Organiser.objects.filter(
        memberships__user=user, kind=Organiser.Kind.SPACE
    ).order_by("name")


def accompaniments_for(*, user) -> QuerySet[Accompaniment]:
    """The people the viewer's spaces accompany now, most recently active first."""
    return (
        Accompaniment.objects.filter(
            ended_at__isnull=True,
            organiser__memberships__user=user,
            organiser__kind=Organiser.Kind.SPACE,
        )
        .select_related("learner", "organiser")
        .order_by("-last_activity_at")
    )


def accompaniment_for_member(*, user, accompaniment_id: int) -> Accompaniment | None:
    """One live accompaniment of the viewer's spaces; None for anyone else's."""
    return accompaniments_for(user=user).filter(id=accompaniment_id).first()


def accompaniments_of_person(*, person) -> QuerySet[Accompaniment]:
    """The spaces that accompany a person (for the person's own page)."""
    return (
        Accompaniment.objects.filter(learner=person, ended_at__isnull=True)
        .select_related("organiser")
        .order_by("organiser__name")
    )


def actions_for_person(*, person) -> QuerySet[OnBehalfAction]:
    """Everything done for a person, by every space, newest first."""
    return OnBehalfAction.objects.filter(learner=person).select_related(
        "organiser", "facilitator"
    )


def actions_for_learner_in_space(
    *, accompaniment: Accompaniment
) -> QuerySet[OnBehalfAction]:
    return actions_for_person(person=accompaniment.learner_id).filter(
        organiser_id=accompaniment.organiser_id
    )


def courses_to_enrol() -> QuerySet[CoursePage]:
    """The courses a person may be enrolled in (live and public)."""
    return CoursePage.objects.live().public().order_by("title")


def sessions_to_book(*, accompaniment: Accompaniment) -> QuerySet[Session]:
    """The space's upcoming published workshops the person is not booked on
    already (offering one would only lead to a refusal)."""
    booked = Booking.objects.filter(
        session=OuterRef("pk"), user_id=accompaniment.learner_id
    ).exclude(status=Booking.Status.CANCELLED)
    return scheduling.agenda(organiser=accompaniment.organiser).exclude(Exists(booked))


def managed_spaces(*, user) -> QuerySet[Organiser]:
    """The spaces this person manages (and whose log they review)."""
    return desk_spaces(user=user).filter(
        memberships__user=user, memberships__role=Membership.Role.MANAGER
    )


def actions_for_manager(*, user) -> QuerySet[OnBehalfAction]:
    """The log of the spaces the viewer manages, newest first."""
    return OnBehalfAction.objects.filter(
        organiser__in=managed_spaces(user=user)
    ).select_related("organiser", "facilitator", "learner")


def consents_of(*, person) -> QuerySet[AssistedConsent]:
    """What the person agreed to when their account was made, newest first."""
    return AssistedConsent.objects.filter(user=person).select_related("explained_by")


def accompaniments_ever_of(*, person) -> QuerySet[Accompaniment]:
    """Every space that accompanies or accompanied the person, oldest first."""
    return (
        Accompaniment.objects.filter(learner=person)
        .select_related("organiser")
        .order_by("started_at", "id")
    )


def spaces_to_tell(*, person) -> list[Organiser]:
    """The spaces that accompany the person; if none does any more, the one
    that accompanied them last."""
    spaces = [a.organiser for a in accompaniments_of_person(person=person)]
    if spaces:
        return spaces
    last = (
        Accompaniment.objects.filter(learner=person)
        .select_related("organiser")
        .order_by("-ended_at", "-id")
        .first()
    )
    return [last.organiser] if last else []
