"""How classes show in the platform's menus (hooks that learners defines)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from wagtail import hooks

from classes import notifications, selectors
from learners.navigation import MenuLink


@hooks.register("person_menu_links")
def classes_menu_links(user) -> list[MenuLink]:
    """Members of a Wallcode partner (teachers, coaches): their classes."""
    if not selectors.is_partner_member(user=user):
        return []
    return [MenuLink(gettext("My classes"), reverse("classes:home"))]


@hooks.register("learner_data_export")
def classes_data_of_person(user) -> dict:
    """The classes a child is in, for their data export: the class, its
    partner, and when the guardians' consent was confirmed."""
    return {
        "classes": [
            {
                "class": place.classroom.name,
                "partner": place.classroom.organiser.name,
                "since": place.added.added_at.isoformat(),
                "guardian_consent_confirmed_at": place.added.added_at.isoformat(),
            }
            for place in selectors.places_of(person=user)
        ]
    }


@hooks.register("assisted_account_erasure_notice")
def classes_erasure_notice(notice) -> int:
    """A child's account unused for long: the members of their class's partner
    are told before it is erased, as an EPN space is."""
    return notifications.erasure_notice_send(
        person=notice.person, erase_on=notice.erase_on
    )
