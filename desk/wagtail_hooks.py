"""How the desk shows in the platform's menus (hooks that learners defines)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from wagtail import hooks

from desk import selectors, services
from learners.navigation import MenuLink


@hooks.register("person_menu_links")
def desk_menu_links(user) -> list[MenuLink]:
    """Facilitators of an EPN space: the people they accompany."""
    organisers = getattr(user, "_member_organisers", None)
    if organisers is not None and not organisers:
        return []  # known already: no organiser at all, no query
    if not selectors.desk_spaces(user=user).exists():
        return []
    return [MenuLink(gettext("People I accompany"), reverse("desk:home"))]


@hooks.register("person_menu_links")
def helped_menu_links(user) -> list[MenuLink]:
    """A person whom a space accompanies: who helps them, and what was done."""
    if not selectors.accompaniments_of_person(person=user).exists():
        return []
    return [MenuLink(gettext("Who helps me"), reverse("desk:mine"))]


@hooks.register("learner_data_export")
def desk_data_of_person(user) -> dict:
    """What the desk holds about a person, for their data export: what they
    agreed to, the spaces that help them, and what was done on their behalf.
    Of the facilitators, only the display name they show to people."""
    return {
        "consents": [
            {
                "notice": consent.notice,
                "points": consent.points,
                "given_at": consent.given_at.isoformat(),
                "explained_by": _shown_name(consent.explained_by),
            }
            for consent in selectors.consents_of(person=user)
        ],
        "accompaniments": [
            {
                "space": accompaniment.organiser.name,
                "since": accompaniment.started_at.isoformat(),
                "ended": accompaniment.ended_at and accompaniment.ended_at.isoformat(),
                "end_reason": accompaniment.end_reason,
            }
            for accompaniment in selectors.accompaniments_ever_of(person=user)
        ],
        "actions_on_my_behalf": [
            {
                "action": action.kind,
                "detail": action.detail,
                "space": action.organiser.name,
                "by": _shown_name(action.facilitator),
                "at": action.at.isoformat(),
            }
            for action in selectors.actions_for_person(person=user)
        ],
    }


def _shown_name(facilitator) -> str | None:
    return facilitator.display_name if facilitator is not None else None


@hooks.register("booking_cancelled_by_staff")
def booking_cancellation_in_the_record(*, booking, staff) -> None:
    services.booking_cancellation_record(booking=booking, staff=staff)
