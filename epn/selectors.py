"""Reads of EPN spaces: the directory, a space's page, the open data."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import QuerySet

from common import geography
from common.geography import Place
from epn import exceptions
from epn.models import Space
from scheduling.models import Organiser, Session
from scheduling.selectors import agenda

UPCOMING_ON_PAGE = 20


def spaces_listed() -> QuerySet[Space]:
    """The spaces shown in the directory, with their organiser (one query)."""
    return (
        Space.objects.filter(active=True)
        .select_related("organiser")
        .order_by("commune", "organiser__name", "id")
    )


def space_public(*, slug: str) -> Space | None:
    """A space of the directory, as anyone may see it."""
    return spaces_listed().filter(slug=slug).first()


@dataclass(frozen=True)
class SpaceFound:
    """A space of the directory and, for a search near a place, how far it is."""

    space: Space
    distance_km: float | None = None


def spaces_directory(*, text: str = "", near: Place | None = None) -> list[SpaceFound]:
    """Spaces matching a commune, postal code or name; nearest first near a place.

    Matched in Python, accents and case aside ("liege" finds Liège): the
    directory holds a few hundred spaces at most, read in one query. A locality
    of the postal code list matches the spaces of its postal code ("Jambes"
    finds the spaces of 5100, in the commune of Namur).
    """
    spaces = list(spaces_listed())
    key = geography.search_key(text)
    if key:
        postal_codes = {text.strip()} | {
            place.postal_code for place in geography.places_named(text)
        }
        spaces = [
            space
            for space in spaces
            if space.postal_code in postal_codes
            or key in geography.search_key(space.commune)
            or key in geography.search_key(space.name)
        ]
    if near is None:
        return [SpaceFound(space=space) for space in spaces]
    found = [
        SpaceFound(
            space=space,
            distance_km=geography.distance_km(
                near.latitude, near.longitude, space.latitude, space.longitude
            )
            if space.has_coordinates
            else None,
        )
        for space in spaces
    ]
    # Spaces without coordinates last, in the directory's order.
    return sorted(
        found,
        key=lambda item: (item.distance_km is None, item.distance_km or 0.0),
    )


@dataclass(frozen=True)
class DirectorySearch:
    """What the directory shows for a search: the spaces and, when the words
    name a place, that place (the spaces come nearest it first)."""

    found: list[SpaceFound]
    near: Place | None = None


def spaces_searched(*, text: str) -> DirectorySearch:
    """The spaces for what a person types in the directory's one box.

    A postal code, locality or commune ("5000", "Jambes", "liege") lists every
    space, nearest it first: a person looks for the spaces they can reach, and
    the next commune's may be the nearest. Other words match spaces by name or
    commune. A four-digit code we cannot place raises ``PostalCodeUnknown``.
    """
    words = text.strip()
    if not words:
        return DirectorySearch(found=spaces_directory())
    place = geography.place_find(words)
    if place is not None:
        return DirectorySearch(found=spaces_directory(near=place), near=place)
    found = spaces_directory(text=words)
    if not found and re.fullmatch(geography.BELGIAN_POSTAL_CODE, words):
        raise exceptions.PostalCodeUnknown(words)
    return DirectorySearch(found=found)


def space_upcoming_sessions(*, space: Space) -> QuerySet[Session]:
    """The space's next published workshops, soonest first."""
    return agenda(organiser=space.organiser)[:UPCOMING_ON_PAGE]


def spaces_open_data() -> QuerySet[Space]:
    """Every space of the directory, for the open data files."""
    return spaces_listed()


def sessions_open_data() -> QuerySet[Session]:
    """Upcoming published workshops of the directory's spaces, for open data."""
    return (
        agenda()
        .filter(organiser__kind=Organiser.Kind.SPACE, organiser__space__active=True)
        .select_related("organiser__space")
    )
