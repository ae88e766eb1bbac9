"""Belgian public holidays, for dates chosen by the platform itself (demo content).

The ``holidays`` package keeps the list (with Easter and its moving days).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays

SUNDAY = 6


@cache
def _belgian(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("BE", years=year))


def is_public_holiday(day: date) -> bool:
    """Whether the day is a public holiday in Belgium (25 December, 1 January…)."""
    return day in _belgian(day.year)


def open_day(day: date, *, closed_weekdays=(), step: int = 1) -> date:
    """The day itself, or the nearest following (``step=-1``: preceding) day that
    is no public holiday nor one of ``closed_weekdays`` (Monday is 0)."""
    while is_public_holiday(day) or day.weekday() in closed_weekdays:
        day += timedelta(days=step)
    return day
