"""Where Walloon postal codes are, and how far apart two places are.

Shared by the EPN directory and the workshops agenda (hence in ``common``).

The postal codes and their approximate centres come from ``data/postal_codes.csv``
(see ``data/README.md``: ±2 km, to be replaced by official data). A few hundred
rows, read once per process.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from common.text import search_key

POSTAL_CODES_CSV = Path(__file__).parent / "data" / "postal_codes.csv"
EARTH_RADIUS_KM = 6371.0088

# Four digits, the first not 0: for a field's validator and a CheckConstraint alike.
BELGIAN_POSTAL_CODE = r"^[1-9][0-9]{3}$"
postal_code_validator = RegexValidator(
    BELGIAN_POSTAL_CODE,
    _("A Belgian postal code has four digits, for example 5000."),
    code="postal_code_invalid",
)


@dataclass(frozen=True)
class Place:
    """A postal code's locality and its approximate centre."""

    postal_code: str
    locality: str
    commune: str
    province: str
    latitude: float
    longitude: float

    @property
    def label(self) -> str:
        if self.locality == self.commune:
            return f"{self.postal_code} {self.commune}"
        return f"{self.postal_code} {self.locality} ({self.commune})"


@cache
def _places() -> dict[str, Place]:
    with POSTAL_CODES_CSV.open(encoding="utf-8", newline="") as rows:
        return {
            row["postal_code"]: Place(
                postal_code=row["postal_code"],
                locality=row["locality"],
                commune=row["commune"],
                province=row["province"],
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
            )
            for row in csv.DictReader(rows)
        }


def place_by_postal_code(postal_code: str) -> Place | None:
    return _places().get(postal_code.strip())


def places_named(name: str) -> list[Place]:
    """The places whose locality or commune is ``name`` (accents and case aside)."""
    key = search_key(name)
    if not key:
        return []
    return [
        place
        for place in _places().values()
        if key in (search_key(place.locality), search_key(place.commune))
    ]


def place_find(text: str) -> Place | None:
    """The place a person means by a postal code or a name; the main code of a name.

    "Namur" is 5000 rather than Jambes (5100): the lowest code of a commune is
    its centre in the Belgian numbering.
    """
    place = place_by_postal_code(text)
    if place is not None:
        return place
    named = sorted(places_named(text), key=lambda p: p.postal_code)
    return named[0] if named else None


def places_within(place: Place, radius_km: float) -> dict[str, float]:
    """The postal codes whose centre is within ``radius_km``, with their distance."""
    found = {}
    for other in _places().values():
        distance = distance_km(
            place.latitude, place.longitude, other.latitude, other.longitude
        )
        if distance <= radius_km:
            found[other.postal_code] = distance
    return found


def distance_km(
    latitude: float, longitude: float, other_latitude: float, other_longitude: float
) -> float:
    """Great-circle distance (haversine), as the crow flies."""
    phi1, phi2 = math.radians(latitude), math.radians(other_latitude)
    d_phi = phi2 - phi1
    d_lambda = math.radians(other_longitude - longitude)
    a = (
        math.sin(d_phi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))
