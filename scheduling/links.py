"""Absolute URLs of scheduling, for calendars, QR codes and JSON-LD."""

from __future__ import annotations

from django.urls import reverse

from common.links import absolute


def session_url(session) -> str:
    return absolute(reverse("scheduling:session", args=[session.id]))


def check_in_url(booking) -> str:
    return absolute(reverse("scheduling:check_in", args=[booking.uuid]))
