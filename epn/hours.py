"""Opening hours of spaces, written in OpenStreetMap's ``opening_hours`` syntax.

Parsed and evaluated by opening-hours-py (a Rust implementation of the OSM
specification), in Brussels time with Belgian public holidays (``PH``), so that
"open now" and the coming week are right on holidays and across summer time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import opening_hours
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EXAMPLE = "Mo-Fr 09:00-12:00,13:00-17:00; Sa 09:00-12:00; PH off"
COUNTRY = "BE"
SYNTAX_URL = "https://wiki.openstreetmap.org/wiki/Key:opening_hours"
# A change of state further away than this is not worth announcing.
ANNOUNCE_WITHIN = timedelta(days=7)

OPEN = "open"
CLOSED = "closed"
UNKNOWN = "unknown"
_STATES = {
    opening_hours.State.OPEN: OPEN,
    opening_hours.State.CLOSED: CLOSED,
    opening_hours.State.UNKNOWN: UNKNOWN,
}


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _parse(expression: str) -> opening_hours.OpeningHours:
    return opening_hours.OpeningHours(expression, timezone=_zone(), country=COUNTRY)


def opening_hours_validate(value: str) -> None:
    """Refuse opening hours not in the OpenStreetMap syntax, saying where they stop."""
    try:
        _parse(value)
    except (opening_hours.ParserError, ValueError, OverflowError) as error:
        raise _invalid(value, str(error)) from None


def _invalid(value: str, parser_message: str) -> ValidationError:
    found = re.search(r"-->\s*\d+:(\d+)", parser_message)
    column = int(found.group(1)) if found else 0
    rest = value[column - 1 :].strip() if column else ""
    params = {"example": EXAMPLE}
    if column and not rest:
        message = _(
            "These opening hours stop too early: something is missing at the end "
            "(a “;” or “,” with nothing after it?). Example: %(example)s"
        )
    elif column:
        message = _(
            "These opening hours cannot be read from “%(rest)s” on. Days are written "
            "Mo Tu We Th Fr Sa Su, times on 24 hours, rules separated by “;”. "
            "Example: %(example)s"
        )
        params |= {"rest": rest[:30]}
    else:
        message = _(
            "These opening hours cannot be read. Days are written Mo Tu We Th Fr Sa "
            "Su, times on 24 hours, rules separated by “;”. Example: %(example)s"
        )
    return ValidationError(message, code="opening_hours_invalid", params=params)


@dataclass(frozen=True)
class Span:
    """A stretch of one day when the space is open (or may be: ``unknown``)."""

    start: str
    end: str
    comment: str = ""
    unknown: bool = False


@dataclass(frozen=True)
class Day:
    day: date
    spans: tuple[Span, ...]

    @property
    def all_day(self) -> bool:
        return len(self.spans) == 1 and (self.spans[0].start, self.spans[0].end) == (
            "00:00",
            "24:00",
        )


def week(expression: str, *, start: date, days: int = 7) -> list[Day]:
    """Each day from ``start`` on, with its opening times; [] when none are given."""
    if not expression.strip():
        return []
    zone = _zone()
    begin = datetime.combine(start, time(0), tzinfo=zone)
    end = datetime.combine(start + timedelta(days=days), time(0), tzinfo=zone)
    try:
        intervals = _parse(expression).intervals(begin, end)
    except (opening_hours.ParserError, ValueError, OverflowError):
        return []
    spans: dict[date, list[Span]] = {start + timedelta(days=n): [] for n in range(days)}
    for opens, closes, state, comment in intervals:
        if state == opening_hours.State.CLOSED:
            continue
        opens, closes = opens.astimezone(zone), min(closes or end, end).astimezone(zone)
        while opens < closes:
            midnight = datetime.combine(
                opens.date() + timedelta(days=1), time(0), tzinfo=zone
            )
            until = min(closes, midnight)
            spans.setdefault(opens.date(), []).append(
                Span(
                    start=f"{opens:%H:%M}",
                    end="24:00" if until == midnight else f"{until:%H:%M}",
                    comment=comment,
                    unknown=state == opening_hours.State.UNKNOWN,
                )
            )
            opens = until
    return [Day(day=day, spans=tuple(found)) for day, found in spans.items()]


@dataclass(frozen=True)
class Status:
    """Open, closed or unknown at a moment, and when that changes (if soon)."""

    state: str
    comment: str = ""
    changes_at: datetime | None = None
    changes_today: bool = False

    @property
    def is_open(self) -> bool:
        return self.state == OPEN

    @property
    def is_closed(self) -> bool:
        return self.state == CLOSED


def status_at(expression: str, *, at: datetime) -> Status | None:
    """Whether the space is open at ``at``; None when it gives no opening hours."""
    if not expression.strip():
        return None
    try:
        hours = _parse(expression)
    except (opening_hours.ParserError, ValueError, OverflowError):
        return None
    at = at.astimezone(_zone())
    state, comment = hours.state(at)
    changes_at = hours.next_change(at)
    if changes_at is not None:
        changes_at = changes_at.astimezone(_zone())
        if changes_at - at > ANNOUNCE_WITHIN:
            changes_at = None
    return Status(
        state=_STATES[state],
        comment=comment,
        changes_at=changes_at,
        changes_today=changes_at is not None and changes_at.date() == at.date(),
    )
