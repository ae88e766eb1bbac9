"""Builders for organisation tests: real rows, and CSV files as spreadsheets
write them."""

from __future__ import annotations

import re

from django.core import mail

from organisations.models import Membership, Organisation, Role, Team

HEADER = "email,first name,last name,team,job title"


def organisation_create(name: str, *teams: tuple[str, str | None]) -> Organisation:
    """An organisation with these teams: (name, parent's name or None)."""
    organisation = Organisation.objects.create(name=name)
    made: dict[str, Team] = {}
    for team_name, parent in teams:
        made[team_name] = Team.objects.create(
            organisation=organisation, name=team_name, parent=made.get(parent)
        )
    return organisation


def member_add(organisation, user, *, role=Role.MEMBER, team: str | None = None):
    return Membership.objects.create(
        organisation=organisation,
        user=user,
        role=role,
        team=organisation.teams.get(name=team) if team else None,
    )


def csv_file(*rows: str, header: str = HEADER, separator: str = ",") -> bytes:
    lines = [header, *rows]
    return "\r\n".join(lines).replace(",", separator).encode() + b"\r\n"


def invitation_links() -> dict[str, str]:
    """The invitation link's secret of each e-mail sent, by address (the last)."""
    links = {}
    for message in mail.outbox:
        found = re.search(r"/organisations/invitation/([\w-]+)/", message.body)
        if found:
            links[message.to[0]] = found.group(1)
    return links
