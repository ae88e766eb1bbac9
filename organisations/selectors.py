"""Reads of organisations, each limited to what the viewer manages.

A manager manages the whole organisation; a team manager their team and the
teams nested in it (a department's manager, its services too). Anyone else
gets None or nothing, which the views turn into a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from learners.models import User
from organisations.models import (
    Invitation,
    MemberImport,
    Membership,
    Organisation,
    Role,
    Team,
)

MANAGING_ROLES = (Role.MANAGER, Role.TEAM_MANAGER)


@dataclass(frozen=True)
class ManagerScope:
    """What one person manages in one organisation."""

    organisation: Organisation
    whole: bool  # a manager of the organisation, not of some teams only
    team_ids: frozenset[int]  # the teams they manage (all of them for a manager)

    def covers_team(self, team_id: int | None) -> bool:
        """Whether people of this team (None: no team) are theirs to manage."""
        if team_id is None:
            return self.whole
        return team_id in self.team_ids


def is_manager(*, user) -> bool:
    """Whether this person manages an organisation or one of its teams."""
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, role__in=MANAGING_ROLES).exists()
    )


def organisations_managed(*, user) -> QuerySet[Organisation]:
    """The organisations in which this person manages something, with their
    number of members."""
    return (
        Organisation.objects.filter(
            memberships__user=user, memberships__role__in=MANAGING_ROLES
        )
        .annotate(members_count=Count("memberships", distinct=True))
        .order_by("name")
    )


def manager_scope(*, user, organisation_id: int) -> ManagerScope | None:
    """What the person manages in this organisation; None if nothing (they are
    a member only, or not in it, or it does not exist)."""
    if not user.is_authenticated:
        return None
    membership = (
        Membership.objects.filter(
            user=user, organisation_id=organisation_id, role__in=MANAGING_ROLES
        )
        .select_related("organisation")
        .first()
    )
    if membership is None:
        return None
    teams = _team_tree(organisation_id)
    if membership.role == Role.MANAGER:
        return ManagerScope(membership.organisation, True, frozenset(teams))
    return ManagerScope(
        membership.organisation,
        False,
        frozenset(_with_descendants(teams, membership.team_id)),
    )


def _team_tree(organisation_id: int) -> dict[int, int | None]:
    """Each team of the organisation and its parent: one query, however deep."""
    return dict(
        Team.objects.filter(organisation_id=organisation_id).values_list(
            "id", "parent_id"
        )
    )


def _with_descendants(parents: dict[int, int | None], root: int) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for team_id, parent_id in parents.items():
        children.setdefault(parent_id, []).append(team_id)
    found, waiting = set(), [root]
    while waiting:
        team_id = waiting.pop()
        if team_id not in found:  # a cycle made in the admin stops here
            found.add(team_id)
            waiting.extend(children.get(team_id, []))
    return found


def teams_within(*, scope: ManagerScope, team_id: int) -> frozenset[int]:
    """A team the manager manages and the teams nested in it (a report on a
    department counts its services' people)."""
    if team_id not in scope.team_ids:
        return frozenset()
    inner = _with_descendants(_team_tree(scope.organisation.id), team_id)
    return frozenset(inner & scope.team_ids)


def teams_in(*, scope: ManagerScope) -> QuerySet[Team]:
    """The teams the manager may put people in, with their parents."""
    return (
        Team.objects.filter(organisation=scope.organisation, id__in=scope.team_ids)
        .select_related("parent")
        .annotate(members_count=Count("memberships"))
        .order_by("name")
    )


def _in_scope(scope: ManagerScope) -> Q:
    if scope.whole:
        return Q()
    return Q(team_id__in=scope.team_ids)


def members_in(*, scope: ManagerScope) -> QuerySet[Membership]:
    """The people the manager manages, by team then name."""
    return (
        Membership.objects.filter(_in_scope(scope), organisation=scope.organisation)
        .select_related("user", "team")
        .order_by("team__name", "user__display_name", "user__email", "id")
    )


def membership_in(*, scope: ManagerScope, membership_id: int) -> Membership | None:
    """One person the manager may change or remove: in their teams, and for a
    team manager a member only (not another manager); None otherwise."""
    people = members_in(scope=scope).filter(id=membership_id)
    if not scope.whole:
        people = people.filter(role=Role.MEMBER)
    return people.first()


def invitations_pending_in(*, scope: ManagerScope) -> QuerySet[Invitation]:
    """The invitations not accepted yet (expired ones too, to send again)."""
    return (
        Invitation.objects.filter(
            _in_scope(scope),
            organisation=scope.organisation,
            accepted_at__isnull=True,
        )
        .select_related("team")
        .order_by("expires_at", "email")
    )


def invitation_in(*, scope: ManagerScope, invitation_id: int) -> Invitation | None:
    """One pending invitation of the manager's scope; None for anyone else's."""
    return invitations_pending_in(scope=scope).filter(id=invitation_id).first()


def imports_of(*, scope: ManagerScope, user) -> QuerySet[MemberImport]:
    """The imports a manager sees: all of the organisation's for a manager,
    their own for a team manager (another team's report names other people)."""
    imports = MemberImport.objects.filter(organisation=scope.organisation)
    if not scope.whole:
        imports = imports.filter(uploaded_by=user)
    return imports.defer("rows")


def import_in(*, scope: ManagerScope, user, import_id: int) -> MemberImport | None:
    return imports_of(scope=scope, user=user).filter(id=import_id).first()


def invitation_by_token_hash(*, token_hash: str) -> Invitation | None:
    """The invitation whose link this is, with its organisation and team."""
    return (
        Invitation.objects.filter(token_hash=token_hash)
        .select_related("organisation", "team")
        .first()
    )


def account_exists(*, email: str) -> bool:
    """Whether somebody has an account with this address (they sign in to
    accept an invitation, rather than make one)."""
    return User.objects.filter(email__iexact=email).exists()


def memberships_of(*, person) -> QuerySet[Membership]:
    """The organisations a person is in, for their own data export."""
    return Membership.objects.filter(user=person).select_related("organisation", "team")


def manager_emails(*, organisation: Organisation) -> list[str]:
    """The e-mail addresses of the organisation's managers, for the admin."""
    return list(
        Membership.objects.filter(organisation=organisation, role=Role.MANAGER)
        .exclude(user__email=None)
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )


def teams_with_other_teams_inside(*, teams: list[Team]) -> bool:
    """Whether some of these teams contain teams that are not among them."""
    ids = [team.id for team in teams]
    return Team.objects.filter(parent_id__in=ids).exclude(id__in=ids).exists()
