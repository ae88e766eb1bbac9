"""How the desk shows in the platform's menus (hooks that learners defines)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from wagtail import hooks

from desk import selectors
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
