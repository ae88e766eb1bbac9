"""Reads of the LRS: one statement, or statements filtered as the xAPI API allows."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.db.models import Q, QuerySet

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
    agent_in_object: bool = False,
) -> QuerySet[Statement]:
    """Statements (voided ones excluded) matching every filter given.

    ``agent`` matches the actor; with ``agent_in_object`` also the object, as the
    agent parameter of GET /statements does (xAPI-Communication 2.1.3).
    """
    rows = Statement.objects.filter(voided=False)
    if agent is not None:
        is_agent = Q(actor_key=agent_key(agent))
        if agent_in_object:
            is_agent |= _object_is(agent)
        rows = rows.filter(is_agent)
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


def _object_is(agent: dict) -> Q:
    """The statement's object is an Agent or Group with the same IFI as ``agent``."""
    # No column holds the object's IFI: JSON key lookups, compared as agent_key
    # compares them (mbox and mbox_sha1sum without regard to case).
    if "mbox" in agent:
        return Q(data__object__mbox__iexact=agent["mbox"])
    if "mbox_sha1sum" in agent:
        return Q(data__object__mbox_sha1sum__iexact=agent["mbox_sha1sum"])
    if "openid" in agent:
        return Q(data__object__openid=agent["openid"])
    if "account" in agent:
        account = agent["account"]
        return Q(
            data__object__account__homePage=account["homePage"],
            data__object__account__name=account["name"],
        )
    return Q(pk__in=[])  # an anonymous group is nobody's object


def statements_for_registrations(registrations: list) -> list[dict]:
    """The unvoided statements of these registrations, in the order they happened."""
    rows = Statement.objects.filter(registration__in=registrations, voided=False)
    return list(rows.order_by("timestamp", "stored").values_list("data", flat=True))
