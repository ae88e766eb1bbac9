"""Absolute URLs of scheduling, for calendars, QR codes, messages and JSON-LD."""

from __future__ import annotations

from django.urls import reverse

from common.links import absolute


def session_url(session) -> str:
    return absolute(reverse("scheduling:session", args=[session.id]))


def session_calendar_url(session) -> str:
    """The one-event calendar file of a session, for "Add to my calendar"."""
    return absolute(reverse("scheduling:session_calendar", args=[session.id]))


def check_in_url(booking) -> str:
    return absolute(reverse("scheduling:check_in", args=[booking.uuid]))
