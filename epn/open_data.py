"""The directory and the workshops of the spaces as open data (CSV and JSON).

``/epn/spaces.csv`` and ``/epn/spaces.json`` — the spaces of the directory:

    slug                stable identifier of the space
    name                name of the space
    address             street and number
    postal_code         Belgian postal code (4 digits)
    commune             commune
    latitude, longitude WGS 84 (decimal degrees), empty when unknown
    opening_hours       OpenStreetMap ``opening_hours`` syntax
    phone, email, website
    computers           workstations for the public, empty when unknown
    equipment           codes: computers, laptops, tablets, smartphones, wifi,
                        printer, scanner, eid_reader, webcam, adapted
    services            codes: free_access, workshops, individual_help,
                        online_procedures, eid_itsme, job_search, printing,
                        coding, own_device
    wheelchair          yes, partial, no or unknown
    accessibility_notes
    languages           language codes (fr, de, nl, en, ...; sgn-lsfb: French
                        Belgian Sign Language)
    description
    url                 the space's page

``/epn/agenda.csv`` and ``/epn/agenda.json`` — the upcoming published workshops
of those spaces, soonest first:

    id                  the session's number
    title
    start, end          ISO 8601, Brussels time with its UTC offset
    space               name of the space that runs it
    space_url           the space's page
    address, postal_code, commune   where it takes place
    capacity            seats in all
    seats_left          seats still free when the file was made
    language            language code of the workshop (fr, de, nl, en)
    audience            everyone, beginners, seniors, job_seekers,
                        young_people or civil_servants
    topic
    price               in euros, a decimal number ("0.00": free)
    url                 the workshop's page, to book

In CSV, a list is its codes joined by "|"; in JSON, it is a list. CSV files are
UTF-8, comma-separated, with a header row. A CSV text cell that starts with =, +,
-, @, a tab or a carriage return starts with a single quote (``common.csv_safe``:
a spreadsheet shows it as text, never runs it); numbers are written as numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone

from epn.models import Space
from scheduling.models import Session

SPACE_COLUMNS = [
    "slug",
    "name",
    "address",
    "postal_code",
    "commune",
    "latitude",
    "longitude",
    "opening_hours",
    "phone",
    "email",
    "website",
    "computers",
    "equipment",
    "services",
    "wheelchair",
    "accessibility_notes",
    "languages",
    "description",
    "url",
]

SESSION_COLUMNS = [
    "id",
    "title",
    "start",
    "end",
    "space",
    "space_url",
    "address",
    "postal_code",
    "commune",
    "capacity",
    "seats_left",
    "language",
    "audience",
    "topic",
    "price",
    "url",
]

LIST_SEPARATOR = "|"


def space_row(space: Space, *, absolute: Callable[[str], str]) -> dict[str, Any]:
    """One space as a record of the open data (lists kept as lists)."""
    return {
        "slug": space.slug,
        "name": space.name,
        "address": space.address,
        "postal_code": space.postal_code,
        "commune": space.commune,
        "latitude": space.latitude,
        "longitude": space.longitude,
        "opening_hours": space.opening_hours,
        "phone": space.phone,
        "email": space.email,
        "website": space.website,
        "computers": space.computers,
        "equipment": list(space.equipment),
        "services": list(space.services_offered),
        "wheelchair": space.wheelchair,
        "accessibility_notes": space.accessibility_notes,
        "languages": list(space.languages),
        "description": space.description,
        "url": absolute(reverse("epn:space", args=[space.slug])),
    }


def session_row(session: Session, *, absolute: Callable[[str], str]) -> dict[str, Any]:
    """One upcoming workshop as a record of the open data."""
    space = session.organiser.space
    return {
        "id": session.id,
        "title": session.title,
        "start": timezone.localtime(session.starts_at).isoformat(),
        "end": timezone.localtime(session.ends_at).isoformat(),
        "space": space.name,
        "space_url": absolute(reverse("epn:space", args=[space.slug])),
        "address": session.address,
        "postal_code": session.postal_code,
        "commune": session.commune,
        "capacity": session.capacity,
        "seats_left": session.seats_left,
        "language": session.language,
        "audience": session.audience,
        "topic": session.topic,
        "price": f"{session.price:.2f}",
        "url": absolute(session_path(session.id)),
    }


def session_path(session_id: int) -> str:
    """The public page of a workshop (the agenda's)."""
    return reverse("scheduling:session", args=[session_id])


def csv_cells(record: dict[str, Any], columns: Iterable[str]) -> list[Any]:
    """A record as CSV cells: lists joined, missing values empty."""
    cells = []
    for column in columns:
        value = record[column]
        if isinstance(value, list):
            value = LIST_SEPARATOR.join(value)
        cells.append("" if value is None else value)
    return cells
