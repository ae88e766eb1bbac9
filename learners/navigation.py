"""Where a signed-in person's work is: their menu links and their landing page.

Learners sit below the apps that give people other roles (facilitators run
sessions in ``scheduling``, partners read reports in ``wallcode``). Those apps
tell learners through two Wagtail hooks that this module defines:

- ``person_menu_links(user)`` returns a list of ``MenuLink`` for the main menu;
- ``person_home_url(user)`` returns the URL of the person's work area, or None.

The first hook (in registration order) that names a home URL wins; a learner
without another role lands on their own learning page.
"""

from __future__ import annotations

from typing import NamedTuple

from django.urls import reverse
from wagtail import hooks


class MenuLink(NamedTuple):
    """A link of the main menu: its words and its URL."""

    label: str
    url: str


def person_menu_links(*, user) -> list[MenuLink]:
    """The menu links of the other roles this person holds (facilitator, partner)."""
    return [
        link for hook in hooks.get_hooks("person_menu_links") for link in hook(user)
    ]


def person_home_url(*, user) -> str:
    """Where a person lands after signing in: their work area, or their learning."""
    for hook in hooks.get_hooks("person_home_url"):
        url = hook(user)
        if url:
            return url
    return reverse("learners:dashboard")
