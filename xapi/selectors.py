"""Reads of the LRS: one statement, or statements filtered as the xAPI API allows."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.db.models import QuerySet

from xapi.agents import agent_key
from xapi.models import Statement


def statement_get(*, statement_id: UUID | str, voided: bool = False) -> dict | None:
    """A stored statement by id; voided ones only when asked for as voided."""
    row = Statement.objects.filter(id=statement_id, voided=voided).first()
    return row.data if row else None


def statements_filter(
    *,
    agent: dict | None = None,
    verb: str | None = None,
    activity: str | None = None,
    registration: UUID | str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    ascending: bool = False,
    authority: dict | None = None,
) -> QuerySet[Statement]:
    """Statements (voided ones excluded) matching every filter given."""
    rows = Statement.objects.filter(voided=False)
    if agent is not None:
        rows = rows.filter(actor_key=agent_key(agent))
    if verb is not None:
        rows = rows.filter(verb_id=verb)
    if activity is not None:
        rows = rows.filter(activity_id=activity)
    if registration is not None:
        rows = rows.filter(registration=registration)
    if authority is not None:
        rows = rows.filter(authority_key=agent_key(authority))
    if since is not None:
        rows = rows.filter(stored__gt=since)
    if until is not None:
        rows = rows.filter(stored__lte=until)
    order = ("stored", "id") if ascending else ("-stored", "-id")
    return rows.order_by(*order)


def statements_for_registrations(registrations: list) -> list[dict]:
    """The unvoided statements of these registrations, in the order they happened."""
    rows = Statement.objects.filter(registration__in=registrations, voided=False)
    return list(rows.order_by("timestamp", "stored").values_list("data", flat=True))
