"""Where agents and activities appear in statements, for the GET /statements filters.

Each stored statement gets one StatementAgent row per agent (and group member) and
one StatementActivity row per activity it mentions, so that ``agent``,
``related_agents`` and ``related_activities`` (xAPI-Communication 2.1.3) are indexed
look-ups instead of scans of the statement JSON.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from uuid import UUID

from django.db.models import Exists, OuterRef, Q, QuerySet

from xapi.agents import agent_key
from xapi.bulk import rows_insert
from xapi.models import (
    Statement,
    StatementActivity,
    StatementAgent,
    StatementTarget,
)

AgentRow = tuple[str, str, bool]  # (agent_key, relation, member)
AGENT_FIELDS = ("statement_id", "agent_key", "relation", "member", "stored")
ACTIVITY_FIELDS = ("statement_id", "activity_id", "relation", "stored")
ActivityRow = tuple[str, str]  # (activity_id, relation)

# The places the plain agent filter looks at (Comm. 2.1.3 "agent").
ACTOR_OR_OBJECT = ("actor", "object")
CONTEXT_ACTIVITY_KINDS = ("parent", "grouping", "category", "other")
SUB = "sub."


def statement_relations(statement: dict) -> tuple[list[AgentRow], list[ActivityRow]]:
    """The agents and activities of a prepared statement, with where they appear."""
    agents = list(_agent_rows(statement["actor"], "actor"))
    if "authority" in statement:  # always when stored by services; not if seeded
        agents += _agent_rows(statement["authority"], "authority")
    activities: list[ActivityRow] = []
    _add_object_and_context(statement, "", agents, activities)
    target = statement["object"]
    if target.get("objectType") == "SubStatement":
        agents += _agent_rows(target["actor"], SUB + "actor")
        _add_object_and_context(target, SUB, agents, activities)
    # The same agent may be both actor and member elsewhere, but twice in one place
    # only by a repeated member: one row is enough. An activity has one row per
    # statement, where it is first found (the object before the context): the
    # filter asks only whether it is there, and an activity's statements are
    # then read newest first from the index alone (see in_relation).
    first_places: dict[str, str] = {}
    for activity_id, relation in activities:
        first_places.setdefault(activity_id, relation)
    return list(dict.fromkeys(agents)), list(first_places.items())


def _add_object_and_context(
    statement: dict, prefix: str, agents: list[AgentRow], activities: list[ActivityRow]
) -> None:
    target = statement["object"]
    kind = target.get("objectType", "Activity")
    if kind == "Activity":
        activities.append((target["id"], prefix + "object"))
    elif kind in ("Agent", "Group"):
        agents += _agent_rows(target, prefix + "object")
    context = statement.get("context")
    if not context:
        return
    if "instructor" in context:
        agents += _agent_rows(context["instructor"], prefix + "instructor")
    if "team" in context:
        agents += _agent_rows(context["team"], prefix + "team")
    # xAPI 2.0: related_agents matches Context Agents and Groups too (9274 4.1.6.1).
    for entry in context.get("contextAgents", ()):
        agents += _agent_rows(entry["agent"], prefix + "contextAgent")
    for entry in context.get("contextGroups", ()):
        agents += _agent_rows(entry["group"], prefix + "contextGroup")
    for kind, found in context.get("contextActivities", {}).items():
        # A single object is allowed as well as an array (Data 2.4.6.2).
        for activity in [found] if isinstance(found, dict) else found:
            activities.append((activity["id"], prefix + kind))


def _agent_rows(agent: dict, relation: str) -> Iterator[AgentRow]:
    key = agent_key(agent)
    if key:  # an anonymous group matches only through its members
        yield key, relation, False
    if agent.get("objectType") == "Group":
        for member in agent.get("member", ()):
            if member_key := agent_key(member):
                yield member_key, relation, True


def relations_store(statements: list[dict]) -> None:
    """Write the relation rows of new statements: one INSERT per table.

    Targets cost two more look-ups, and only for a batch with StatementRefs.
    """
    agents: list[tuple] = []
    activities: list[tuple] = []
    for statement in statements:
        found_agents, found_activities = statement_relations(statement)
        statement_id = statement["id"]
        stored = datetime.fromisoformat(statement["stored"])
        agents += [(statement_id, *row, stored) for row in found_agents]
        activities += [(statement_id, *row, stored) for row in found_activities]
    rows_insert(StatementAgent, AGENT_FIELDS, agents)
    rows_insert(StatementActivity, ACTIVITY_FIELDS, activities)
    targets = _target_rows(statements)
    if targets:
        # A statement stored earlier may already have a link of a new chain.
        StatementTarget.objects.bulk_create(targets, ignore_conflicts=True)


# Statements whose relation rows one round of deletes handles: bounds the
# parameters of each query (SQLite allows 32,766).
FORGET_CHUNK = 1000


def relations_forget(statements: list[tuple[UUID, datetime, dict]]) -> None:
    """Delete the relation rows of statements (id, stored, data) being erased.

    The rows have no index by statement: they are found again from the
    statement's own agents and activities, by their indexes' keys (agent and
    place, or activity, then stored time): one DELETE per key and chunk.
    """
    for start in range(0, len(statements), FORGET_CHUNK):
        agents: dict[tuple, list] = defaultdict(list)
        activities: dict[str, list] = defaultdict(list)
        for statement_id, stored, data in statements[start : start + FORGET_CHUNK]:
            found_agents, found_activities = statement_relations(data)
            for key, relation, _member in found_agents:
                agents[key, relation].append((statement_id, stored))
            for activity_id, _relation in found_activities:
                activities[activity_id].append((statement_id, stored))
        for (key, relation), rows in agents.items():
            rows_of_statements(
                rows, StatementAgent.objects.filter(agent_key=key, relation=relation)
            ).delete()
        for activity_id, rows in activities.items():
            rows_of_statements(rows, activity_statements(activity_id)).delete()


def rows_of_statements(statements: list[tuple], rows: QuerySet) -> QuerySet:
    ids, times = zip(*statements, strict=True)
    return rows.filter(stored__in=set(times), statement_id__in=ids)


def _target_rows(statements: list[dict]) -> list[StatementTarget]:
    """Every (statement, target) pair the new statements' StatementRefs make."""
    refs = {
        s["id"]: str(UUID(s["object"]["id"]))
        for s in statements
        if s["object"].get("objectType") == "StatementRef"
    }
    if not refs:
        return []
    stored = _stored_chains(set(refs.values()))
    chains = {statement_id: _chain(statement_id, refs, stored) for statement_id in refs}
    pairs = [(origin, target) for origin, chain in chains.items() for target in chain]
    # Statements stored before the ones they target: their chains go on now.
    earlier = StatementTarget.objects.filter(target_id__in=list(refs))
    for origin, target in earlier.values_list("statement_id", "target_id"):
        pairs += [(str(origin), link) for link in chains[str(target)]]
    return [StatementTarget(statement_id=o, target_id=t) for o, t in pairs]


def _stored_chains(statement_ids: set[str]) -> dict[str, set[str]]:
    """The targets already recorded for these stored statements."""
    chains: dict[str, set[str]] = defaultdict(set)
    rows = StatementTarget.objects.filter(statement_id__in=statement_ids)
    for origin, target in rows.values_list("statement_id", "target_id"):
        chains[str(origin)].add(str(target))
    return chains


def _chain(
    statement_id: str, refs: dict[str, str], stored: dict[str, set[str]]
) -> set[str]:
    """The statements one targets: along the batch, then the stored chain."""
    chain: set[str] = set()
    current = statement_id
    while current in refs and refs[current] not in chain:  # a cycle ends the walk
        current = refs[current]
        chain.add(current)
    return chain | stored.get(current, set())


def agent_statements(
    agent: dict, *, relations: tuple[str, ...] | None = None
) -> QuerySet[StatementAgent]:
    """Relation rows where the agent, or a group it is a member of, appears.

    Only in ``relations`` when given; a group given as ``agent`` matches by its own
    identifier.
    """
    rows = StatementAgent.objects.filter(agent_key=agent_key(agent))
    if relations is not None:
        rows = rows.filter(relation__in=relations)
    return rows


def activity_statements(activity_id: str) -> QuerySet[StatementActivity]:
    """Relation rows of the activity: object, context or sub-statement."""
    return StatementActivity.objects.filter(activity_id=activity_id)


def in_relation(rows: QuerySet, *, correlated: bool) -> Q:
    """The statement has one of these relation rows.

    Correlated (EXISTS) when the database is to read statements in stored order
    and stop after a page; else IN, which it can start from. Relation rows
    carry their statement's stored time, in their index after the activity (or
    the agent and place): PostgreSQL then reads an activity's newest rows from
    their index and joins each to its statement, instead of testing every
    statement, newest first, for a row (a course's 13,000 among 1.3 M: 10 ms a
    page), and finds a statement's row by these keys, as the rows have no index
    by statement (see xapi.models).
    """
    if not correlated:
        return Q(pk__in=rows.values("statement_id"))
    rows = rows.filter(stored=OuterRef("stored"), statement_id=OuterRef("pk"))
    return Q(Exists(rows))


# Past this many statements targeting the matches, their ids are not listed.
FEW_TARGETING = 500


def few_targeting(matches: Q) -> list | None:
    """Ids of the statements targeting one meeting ``matches``; None if many."""
    matched = Statement.objects.filter(matches).values("pk")
    rows = StatementTarget.objects.filter(target_id__in=matched)
    found = list(rows.values_list("statement_id", flat=True)[: FEW_TARGETING + 1])
    return None if len(found) > FEW_TARGETING else found


def matched_or_targeting(matches: Q) -> Q:
    """The statement meets ``matches`` or targets one that does; for few matches.

    One list of ids: the database starts from the filter's indexes.
    """
    matched = Statement.objects.filter(matches).values("pk")
    targeting = StatementTarget.objects.filter(target_id__in=matched)
    return Q(pk__in=matched.union(targeting.values("statement_id")))


def targets_a_match(matches: Q) -> Q:
    """The statement targets one meeting ``matches``; tested statement by statement.

    For many matches: the database walks the stored index, testing only the few
    statements with a StatementRef, and a page fills quickly.
    """
    chain = StatementTarget.objects.filter(statement_id=OuterRef(OuterRef("pk")))
    matched = Statement.objects.filter(matches, pk__in=chain.values("target_id"))
    return Q(ref_id__isnull=False) & Q(Exists(matched))
