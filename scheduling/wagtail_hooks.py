"""What scheduling adds to pages of the apps below it (through their hooks)."""

from django.urls import reverse
from django.utils.translation import gettext
from wagtail import hooks

from learners.navigation import MenuLink
from scheduling import selectors


@hooks.register("person_menu_links")
def facilitator_menu_links(user) -> list[MenuLink]:
    """A facilitator's sessions, in the main menu."""
    if not selectors.member_organisers(user=user):
        return []
    return [MenuLink(gettext("My sessions"), reverse("scheduling:facilitator"))]


@hooks.register("person_home_url")
def facilitator_home_url(user) -> str | None:
    """Facilitators land on their sessions after signing in."""
    if not selectors.member_organisers(user=user):
        return None
    return reverse("scheduling:facilitator")
