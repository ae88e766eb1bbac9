"""Builders for scheduling tests: organisers with members, published sessions."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from scheduling.models import Membership, Organiser, Session


def organiser_create(*, name: str = "EPN de Namur", members=(), kind="space"):
    organiser = Organiser.objects.create(name=name, kind=kind)
    for user in members:
        Membership.objects.create(organiser=organiser, user=user)
    return organiser


def session_create(
    organiser, *, capacity: int = 2, status: str = Session.Status.PUBLISHED, **fields
) -> Session:
    starts = fields.pop("starts_at", None) or timezone.now() + timedelta(days=3)
    return Session.objects.create(
        organiser=organiser,
        title=fields.pop("title", "Découvrir le courriel"),
        starts_at=starts,
        ends_at=fields.pop("ends_at", starts + timedelta(hours=2)),
        venue_name="EPN de Namur",
        address="Rue de Fer 1",
        postal_code=fields.pop("postal_code", "5000"),
        commune=fields.pop("commune", "Namur"),
        capacity=capacity,
        status=status,
        **fields,
    )


def in_english(client) -> None:
    """Pages in English from now on, as the language switcher does (the catalogues
    translate new wording later: tests read the English msgids)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def session_form_data(organiser, *, days: int = 7, **fields) -> dict:
    """The facilitator's new-session form, filled for a session in ``days`` days."""
    starts = timezone.localtime() + timedelta(days=days)
    return {
        "organiser": organiser.id,
        "title": "Itsme pas à pas",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "venue_name": "EPN",
        "address": "Rue de Fer 1",
        "postal_code": "5000",
        "commune": "Namur",
        "capacity": 10,
        "language": "fr",
        "audience": "everyone",
        "price": "0",
        "status": "published",
    } | fields
