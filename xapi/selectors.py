"""Reads of the LRS: one statement, or statements filtered as the xAPI API allows."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.db.models import Q, QuerySet

from xapi import relations
from xapi.agents import agent_key
from xapi.clients import client_authority
from xapi.models import LRSClient, Statement
from xapi.validation import VOIDED_VERB


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
    related_agents: bool = False,
    related_activities: bool = False,
    statement_refs: bool = False,
    after: tuple[datetime, UUID | str] | None = None,
) -> QuerySet[Statement]:
    """Statements (voided ones excluded) matching every filter given, after the
    ``(stored, id)`` of the last one of the page before, if given.

    ``agent`` matches the actor. With ``agent_in_object``, as the agent parameter
    of GET /statements does (xAPI-Communication 2.1.3), the actor or the object,
    a Group also by its members; ``related_agents`` adds authority, instructor,
    team and the sub-statement's. ``activity`` matches the object;
    ``related_activities`` adds context activities and the sub-statement's. With
    ``statement_refs``, statements whose StatementRef object targets a match
    match too (2.1.3.s3); ``since``, ``until`` and ``authority`` still apply to
    them themselves.
    """
    rows = Statement.objects.filter(voided=False)
    stored_bounds = _stored_bounds(since, until, after, ascending)
    matches = _matching(
        agent=agent,
        verb=verb,
        activity=activity,
        registration=registration,
        agent_in_object=agent_in_object,
        related_agents=related_agents,
        related_activities=related_activities,
        statement_refs=statement_refs,
        stored_bounds=stored_bounds,
    )
    if matches is not None:
        rows = rows.filter(matches)
    if authority is not None:
        rows = rows.filter(authority_key=agent_key(authority))
    rows = rows.filter(*stored_bounds)
    if after is not None:
        # Keyset pagination on (stored, id): stable while new statements
        # arrive. The bound on stored alone (in stored_bounds) lets the
        # database start its index walk where the page before stopped.
        stored, statement_id = after
        if ascending:
            rows = rows.filter(Q(stored__gt=stored) | Q(id__gt=statement_id))
        else:
            rows = rows.filter(Q(stored__lt=stored) | Q(id__lt=statement_id))
    order = ("stored", "id") if ascending else ("-stored", "-id")
    return rows.order_by(*order)


def _stored_bounds(
    since: datetime | None,
    until: datetime | None,
    after: tuple[datetime, UUID | str] | None,
    ascending: bool,
) -> list[Q]:
    """The bounds on the stored time: of a statement and of its relation rows
    (both have the field), so that an index of either starts at the bound."""
    bounds = []
    if since is not None:
        bounds.append(Q(stored__gt=since))
    if until is not None:
        bounds.append(Q(stored__lte=until))
    if after is not None:
        bounds.append(Q(stored__gte=after[0]) if ascending else Q(stored__lte=after[0]))
    return bounds


def _matching(*, statement_refs: bool, stored_bounds: list[Q], **filters) -> Q | None:
    """The non-time filters; with ``statement_refs``, met through targets too.

    An activity's relation rows are read within ``stored_bounds`` (else a late
    page read every row newer than it first); what a statement targets is
    matched whenever it was stored.
    """
    if not statement_refs:
        return _matches(**filters, correlated=False, stored_bounds=stored_bounds)
    if _broad(**filters):
        # Many match: the database walks the stored index and a page fills
        # quickly, where listing every match first would take seconds.
        matches = _matches(**filters, correlated=True, stored_bounds=[])
        return None if matches is None else matches | relations.targets_a_match(matches)
    matches = _matches(**filters, correlated=False, stored_bounds=[])
    if matches is None:
        return None
    targeting = relations.few_targeting(matches)
    if targeting is None:
        # Many target a match: listing the matches, and what targets them,
        # first lets the database start from the filter's index.
        return relations.matched_or_targeting(matches)
    # Usually nothing targets a match: the filter alone lets the database walk
    # its index in stored order and stop after a page, where listing every
    # match first meant fetching and sorting all of them (an agent's thousands).
    direct = matches
    if stored_bounds and filters["related_activities"] and filters["activity"]:
        direct = _matches(**filters, correlated=False, stored_bounds=stored_bounds)
    return direct | Q(pk__in=targeting) if targeting else direct


def _matches(
    *,
    agent: dict | None,
    verb: str | None,
    activity: str | None,
    registration: UUID | str | None,
    agent_in_object: bool,
    related_agents: bool,
    related_activities: bool,
    correlated: bool,
    stored_bounds: list[Q],
) -> Q | None:
    """The filters a statement must meet itself; None when there are none."""
    conditions = []
    if agent is not None:
        conditions.append(
            _agent_matches(agent, agent_in_object, related_agents, correlated)
        )
    if verb is not None:
        conditions.append(Q(verb_id=verb))
    if activity is not None:
        if related_activities:
            # Always correlated: the activity's rows are read newest first
            # from their index, for a lesson's few hundred as for a course's
            # thousands (see relations.in_relation).
            rows = relations.activity_statements(activity).filter(*stored_bounds)
            conditions.append(relations.in_relation(rows, correlated=True))
        else:
            conditions.append(Q(activity_id=activity))
    if registration is not None:
        conditions.append(Q(registration=registration))
    return Q(*conditions) if conditions else None


def _agent_matches(agent: dict, in_object: bool, related: bool, correlated: bool) -> Q:
    if related:
        rows = relations.agent_statements(agent)
    elif in_object:
        if not correlated:
            found = _actor_or_few_others(agent)
            if found is not None:
                return found
        # The relation rows know group members, which the columns do not.
        rows = relations.agent_statements(agent, relations=relations.ACTOR_OR_OBJECT)
    else:
        return Q(actor_key=agent_key(agent))
    return relations.in_relation(rows, correlated=correlated)


# Past this many statements with the agent as object or group member, the ids
# are not listed: the relation subquery is used instead.
FEW_OTHER_PLACES = 500


def _actor_or_few_others(agent: dict) -> Q | None:
    """The agent as actor by its column, plus the few statements where it is else.

    Almost always the agent is only an actor: the actor column's index, combined
    with the other filters, finds its statements at once, where going through the
    relation rows meant fetching every statement of the agent. One small query
    lists the others (as object, or as a group's member).
    """
    others = list(
        relations.agent_statements(agent, relations=relations.ACTOR_OR_OBJECT)
        .filter(Q(relation="object") | Q(member=True))
        .values_list("statement_id", flat=True)[: FEW_OTHER_PLACES + 1]
    )
    if len(others) > FEW_OTHER_PLACES:
        return None
    key = agent_key(agent)
    if not key:  # an anonymous group is nobody's actor
        return Q(pk__in=others)
    as_actor = Q(actor_key=key)
    return as_actor | Q(pk__in=others) if others else as_actor


def _broad(
    *,
    agent: dict | None,
    activity: str | None,
    registration: UUID | str | None,
    **_others,
) -> bool:
    """Whether the filters are likely to match a large share of the statements."""
    # An agent's or a registration's statements, or those about one activity,
    # are few; a verb's are not. Those with an activity anywhere may be many (a
    # course's), but are read from the activity's own index in stored order:
    # what matters is that the filter stays one semi-join, without an OR.
    return agent is None and registration is None and activity is None


def statements_for_registrations(
    registrations: list, *, with_voided: bool = False
) -> list[dict]:
    """The statements of these registrations, in the order they happened.

    Voided ones only ``with_voided``: a reader that trusts some voiders and not
    others looks at who voided them with ``voiding_authority_keys``.
    """
    rows = Statement.objects.filter(registration__in=registrations)
    if not with_voided:
        rows = rows.filter(voided=False)
    return list(rows.order_by("timestamp", "stored").values_list("data", flat=True))


def voiding_authority_keys(*, registrations: list) -> dict[str, set[str]]:
    """Who voided the voided statements of these registrations: id -> authority keys."""
    voided = Statement.objects.filter(registration__in=registrations, voided=True)
    rows = Statement.objects.filter(
        verb_id=VOIDED_VERB, ref_id__in=voided.values("id")
    ).values_list("ref_id", "authority_key")
    found: dict[str, set[str]] = {}
    for target, authority in rows:
        found.setdefault(str(target), set()).add(authority)
    return found


def agent_identity(agent: dict) -> str:
    """The canonical key of an agent (or an authority): equal for the same IFI."""
    return agent_key(agent)


def trusted_authority_keys() -> frozenset[str]:
    """Authority keys of the clients an operator trusts for progress.

    Revoked clients included: revoking stops new statements, while the ones
    stored before keep counting until the client's trust is withdrawn.
    """
    clients = LRSClient.objects.filter(trusted_for_progress=True).only("name", "key")
    return frozenset(agent_key(client_authority(client)) for client in clients)
