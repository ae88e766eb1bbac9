"""GET /statements: related_agents, related_activities, groups and StatementRefs.

Section numbers refer to xAPI-Communication.md (Comm.) of xAPI 1.0.3: 2.1.3 for the
parameters, 2.1.3.s3 for StatementRefs, 2.1.4 for voided statements.
"""

import copy
import json
import time
import uuid

import pytest

from tests.xapi.test_api import (
    ALICE,
    BOB,
    COMPLETED,
    COURSE,
    QUIZ,
    Lrs,
    ids_of,
    statement,
)
from tests.xapi.test_api import voiding as voiding_of
from xapi import selectors
from xapi.clients import client_authority
from xapi.models import Scope, Statement, StatementActivity, StatementAgent
from xapi.relations import statement_relations
from xapi.services import agent_forget

pytestmark = pytest.mark.django_db

CAROL = {"objectType": "Agent", "mbox": "mailto:carol@example.com"}
DAVE = {"objectType": "Agent", "mbox_sha1sum": "a" * 40}
TEAM = {
    "objectType": "Group",
    "name": "Team red",
    "account": {"homePage": "https://skills.example.be", "name": "team-red"},
    "member": [copy.deepcopy(CAROL), copy.deepcopy(DAVE)],
}
ANONYMOUS_TEAM = {"objectType": "Group", "member": [copy.deepcopy(CAROL)]}
LESSON = "http://example.com/xapi/activities/lesson-3"
CONFIRMED = "http://example.com/verbs/confirmed"


@pytest.fixture
def lrs(client):
    """A client that may write and read every statement."""
    return Lrs(client, "lms", [Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ])


def found(lrs: Lrs, **params) -> set[str]:
    """Ids of every statement a query returns, following more links."""
    if "agent" in params:
        params["agent"] = json.dumps(params["agent"])
    statements, _sizes = lrs.get_all(**params)
    return set(ids_of(statements))


def sub_statement(**parts) -> dict:
    """A SubStatement by Alice about LESSON, with ``parts`` replacing its own."""
    return {
        "objectType": "SubStatement",
        "actor": copy.deepcopy(ALICE),
        "verb": {"id": "http://example.com/verbs/will-attend"},
        "object": {"objectType": "Activity", "id": LESSON},
        **parts,
    }


def ref_to(target: dict, *, actor: dict = BOB, verb: str = CONFIRMED) -> dict:
    """A statement by ``actor`` whose object is a StatementRef to ``target``."""
    return {
        "id": str(uuid.uuid4()),
        "actor": copy.deepcopy(actor),
        "verb": {"id": verb},
        "object": {"objectType": "StatementRef", "id": target["id"]},
    }


# -- related_activities ---------------------------------------------------------------


@pytest.mark.parametrize("kind", ["parent", "grouping", "category", "other"])
def test_related_activities_matches_each_kind_of_context_activity(lrs, kind):
    inside = statement(activity=QUIZ, context={"contextActivities": {kind: []}})
    inside["context"]["contextActivities"][kind] = [{"id": COURSE}]
    lrs.post([inside, statement(activity=QUIZ)])

    assert found(lrs, activity=COURSE, related_activities="true") == {inside["id"]}
    assert found(lrs, activity=COURSE, related_activities="false") == set()
    assert found(lrs, activity=COURSE) == set()


def test_related_activities_accepts_a_single_context_activity_object(lrs):
    inside = statement(context={"contextActivities": {"parent": {"id": COURSE}}})
    lrs.post(inside)

    assert found(lrs, activity=COURSE, related_activities="true") == {inside["id"]}


def test_related_activities_still_matches_the_object(lrs):
    about = statement(activity=COURSE)
    lrs.post([about, statement(activity=QUIZ)])

    assert found(lrs, activity=COURSE, related_activities="true") == {about["id"]}


def test_related_activities_matches_the_sub_statement_object_and_context(lrs):
    by_object = statement()
    by_object["object"] = sub_statement()
    by_context = statement()
    by_context["object"] = sub_statement(
        object=copy.deepcopy(BOB),
        context={"contextActivities": {"grouping": [{"id": LESSON}]}},
    )
    lrs.post([by_object, by_context, statement()])

    related = found(lrs, activity=LESSON, related_activities="true")

    assert related == {by_object["id"], by_context["id"]}
    assert found(lrs, activity=LESSON) == set()


# -- agent, groups, related_agents ---------------------------------------------------


def test_agent_matches_a_group_actor_or_object_by_its_members(lrs):
    # Comm. 2.1.3 agent: "Groups that have members which match the specified Agent
    # ... are considered a match", related_agents or not.
    by_team = statement(actor=TEAM)
    by_anonymous = statement(actor=ANONYMOUS_TEAM)
    about_team = statement(actor=ALICE)
    about_team["object"] = copy.deepcopy(TEAM)
    lrs.post([by_team, by_anonymous, about_team, statement(actor=BOB)])

    expected = {by_team["id"], by_anonymous["id"], about_team["id"]}
    assert found(lrs, agent=CAROL) == expected
    assert found(lrs, agent=DAVE) == {by_team["id"], about_team["id"]}


def test_identified_group_as_agent_matches_by_its_own_identifier(lrs):
    by_team = statement(actor=TEAM)
    same_team_other_members = statement(actor={**TEAM, "member": [BOB]})
    by_carol = statement(actor=CAROL)
    lrs.post([by_team, same_team_other_members, by_carol])

    group = {"objectType": "Group", "account": TEAM["account"]}

    assert found(lrs, agent=group) == {by_team["id"], same_team_other_members["id"]}


@pytest.mark.parametrize(
    "context",
    [
        {"instructor": CAROL},
        {"instructor": {"objectType": "Group", "member": [CAROL]}},
        {"team": TEAM},
        {"team": ANONYMOUS_TEAM},
    ],
    ids=["instructor", "instructor-group", "team", "anonymous-team"],
)
def test_related_agents_matches_instructor_and_team(lrs, context):
    taught = statement(actor=ALICE, context=copy.deepcopy(context))
    lrs.post([taught, statement(actor=ALICE)])

    assert found(lrs, agent=CAROL, related_agents="true") == {taught["id"]}
    assert found(lrs, agent=CAROL, related_agents="false") == set()


def test_related_agents_matches_the_team_itself_by_its_identifier(lrs):
    taught = statement(context={"team": copy.deepcopy(TEAM)})
    lrs.post(taught)
    group = {"objectType": "Group", "account": TEAM["account"]}

    assert found(lrs, agent=group, related_agents="true") == {taught["id"]}
    assert found(lrs, agent=group) == set()


def test_related_agents_matches_the_authority(lrs):
    sent = statement(actor=ALICE)
    lrs.post(sent)
    authority = client_authority(lrs.record)

    assert found(lrs, agent=authority, related_agents="true") == {sent["id"]}
    assert found(lrs, agent=authority) == set()


def test_related_agents_matches_actor_and_object_as_plain_agent_does(lrs):
    by_bob = statement(actor=BOB)
    about_bob = statement(actor=ALICE)
    about_bob["object"] = copy.deepcopy(BOB)
    lrs.post([by_bob, about_bob, statement(actor=ALICE)])

    expected = {by_bob["id"], about_bob["id"]}
    assert found(lrs, agent=BOB, related_agents="true") == expected
    assert found(lrs, agent=BOB) == expected


@pytest.mark.parametrize(
    "parts",
    [
        {"actor": CAROL},
        {"object": CAROL},
        {"actor": {"objectType": "Group", "member": [CAROL]}},
        {"context": {"instructor": CAROL}},
        {"context": {"team": TEAM}},
    ],
    ids=["actor", "object", "actor-group-member", "instructor", "team"],
)
def test_related_agents_matches_inside_a_sub_statement(lrs, parts):
    planned = statement(actor=ALICE)
    planned["object"] = sub_statement(**copy.deepcopy(parts))
    lrs.post([planned, statement(actor=ALICE)])

    assert found(lrs, agent=CAROL, related_agents="true") == {planned["id"]}
    assert found(lrs, agent=CAROL) == set()


def test_related_filters_combine_with_the_others(lrs):
    taught = statement(actor=ALICE, activity=QUIZ, context={"instructor": CAROL})
    taught["context"]["contextActivities"] = {"parent": [{"id": COURSE}]}
    elsewhere = statement(actor=ALICE, activity=QUIZ, context={"instructor": CAROL})
    lrs.post([taught, elsewhere])

    both = found(
        lrs,
        agent=CAROL,
        related_agents="true",
        activity=COURSE,
        related_activities="true",
    )

    assert both == {taught["id"]}


def test_related_filter_is_kept_by_more_links(lrs):
    taught = [statement(context={"instructor": CAROL}) for _ in range(3)]
    lrs.post([*taught, statement()])

    statements, sizes = lrs.get_all(
        agent=json.dumps(CAROL), related_agents="true", limit="2"
    )

    assert set(ids_of(statements)) == {s["id"] for s in taught}
    assert sizes == [2, 1]


# -- StatementRefs (Comm. 2.1.3.s3) ----------------------------------------------------


def test_statement_targeting_a_match_is_returned_with_it(lrs):
    passed = statement(actor=ALICE, activity=QUIZ)
    confirmed = ref_to(passed, actor=BOB)
    other = statement(actor=BOB, verb=COMPLETED, activity=COURSE)
    lrs.post([passed, confirmed, other])

    expected = {passed["id"], confirmed["id"]}
    assert found(lrs, agent=ALICE) == expected
    assert found(lrs, activity=QUIZ) == expected
    assert found(lrs, verb=passed["verb"]["id"]) == expected
    assert found(lrs, registration=str(uuid.uuid4())) == set()


def test_statement_refs_apply_recursively(lrs):
    first = statement(actor=ALICE)
    second = ref_to(first, actor=BOB)
    third = ref_to(second, actor=CAROL)
    lrs.post([third, second, first])  # a target may come after its targeter

    assert found(lrs, agent=ALICE) == {first["id"], second["id"], third["id"]}
    assert found(lrs, agent=BOB) == {second["id"], third["id"]}


def test_statement_ref_chains_grow_whatever_order_they_are_stored_in(lrs):
    first = statement(actor=ALICE)
    second = ref_to(first, actor=BOB)
    third = ref_to(second, actor=CAROL)
    fourth = ref_to(third, actor=DAVE)
    # Each in its own request: fourth before the statement it targets, and
    # second, which links the two halves of the chain, last.
    for sent in (fourth, third, first, second):
        assert lrs.post(sent).status_code == 200

    assert found(lrs, agent=ALICE) == {s["id"] for s in (first, second, third, fourth)}
    assert found(lrs, agent=CAROL) == {third["id"], fourth["id"]}


def test_the_targeted_statement_must_meet_every_filter(lrs):
    passed = statement(actor=ALICE, activity=QUIZ)
    confirmed = ref_to(passed, actor=BOB)
    lrs.post([passed, confirmed])

    # Bob is confirmed's actor but the quiz is not its object, and the statement it
    # targets is not Bob's: neither meets both filters.
    assert found(lrs, agent=BOB, activity=QUIZ) == set()


def test_statement_refs_count_through_related_filters(lrs):
    taught = statement(actor=ALICE, context={"instructor": CAROL})
    confirmed = ref_to(taught, actor=BOB)
    lrs.post([taught, confirmed])

    related = found(lrs, agent=CAROL, related_agents="true")

    assert related == {taught["id"], confirmed["id"]}
    assert found(lrs, agent=CAROL) == set()


def test_statement_refs_count_through_related_activities(lrs):
    in_course = statement(context={"contextActivities": {"parent": [{"id": COURSE}]}})
    confirmed = ref_to(in_course, actor=BOB)
    completed = ref_to(confirmed, actor=CAROL, verb=COMPLETED)
    lrs.post([in_course, confirmed, completed, statement(activity=QUIZ)])
    voiding = voiding_of(completed["id"])
    lrs.post(voiding)

    related = found(lrs, activity=COURSE, related_activities="true")

    # completed is voided; the voiding statement targets it, so comes with it.
    assert related == {in_course["id"], confirmed["id"], voiding["id"]}


def test_time_filters_apply_to_the_targeting_statement_itself(lrs):
    passed = statement(actor=ALICE)
    lrs.post(passed)
    time.sleep(0.01)
    cut = Statement.objects.get(pk=passed["id"]).stored.isoformat()
    confirmed = ref_to(passed)
    lrs.post(confirmed)

    assert found(lrs, agent=ALICE, since=cut) == {confirmed["id"]}
    assert found(lrs, agent=ALICE, until=cut) == {passed["id"]}


def test_statement_ref_in_context_does_not_count(lrs):
    passed = statement(actor=ALICE)
    mentions = statement(actor=BOB)
    mentions["context"] = {
        "statement": {"objectType": "StatementRef", "id": passed["id"]}
    }
    lrs.post([passed, mentions])

    assert found(lrs, agent=ALICE) == {passed["id"]}


def test_voided_target_is_left_out_but_statements_targeting_it_are_returned(lrs):
    # Comm. 2.1.4.s1: a voided statement is never returned by a query; the voiding
    # statement and others targeting the voided one still are.
    passed = statement(actor=ALICE)
    confirmed = ref_to(passed, actor=BOB)
    lrs.post([passed, confirmed])
    voiding = voiding_of(passed["id"], actor=CAROL)
    lrs.post(voiding)

    assert found(lrs, agent=ALICE) == {confirmed["id"], voiding["id"]}
    assert found(lrs, verb=passed["verb"]["id"]) == {confirmed["id"], voiding["id"]}
    assert lrs.get(statementId=passed["id"]).status_code == 404


def test_voided_targeting_statement_is_left_out(lrs):
    passed = statement(actor=ALICE)
    confirmed = ref_to(passed, actor=BOB)
    lrs.post([passed, confirmed])
    voiding = voiding_of(confirmed["id"], actor=CAROL)
    lrs.post(voiding)

    # The voiding statement targets confirmed, which targets passed: a chain.
    assert found(lrs, agent=ALICE) == {passed["id"], voiding["id"]}


def test_a_cycle_of_statement_refs_ends(lrs):
    first_id, second_id = str(uuid.uuid4()), str(uuid.uuid4())
    first = ref_to({"id": second_id}, actor=ALICE)
    first["id"] = first_id
    second = ref_to({"id": first_id}, actor=BOB)
    second["id"] = second_id
    lrs.post([first, second])

    assert found(lrs, agent=ALICE) == {first_id, second_id}


# -- Storage and queries ------------------------------------------------------------


def test_relation_rows_are_written_and_erased_with_the_statement(lrs):
    taught = statement(actor=ALICE, context={"instructor": CAROL})
    lrs.post(taught)

    assert StatementAgent.objects.filter(statement_id=taught["id"]).count() == 3
    assert StatementActivity.objects.filter(statement_id=taught["id"]).count() == 1
    agent_forget(agent=ALICE)
    assert not StatementAgent.objects.exists()
    assert not StatementActivity.objects.exists()


def test_erasure_finds_every_relation_row_of_the_erased_and_no_other(lrs):
    # The rows have no index by statement: erasure finds them again from the
    # statements' own agents and activities. Bob's statements share the
    # activities, the authority and a team with Alice's: theirs must stay.
    taught = statement(actor=ALICE, context={"instructor": CAROL, "team": TEAM})
    taught["context"]["contextActivities"] = {"grouping": [{"id": COURSE}]}
    nested = statement(actor=ALICE)
    nested["object"] = sub_statement(object={"id": COURSE})
    theirs = statement(actor=BOB, context={"instructor": CAROL, "team": TEAM})
    theirs["context"]["contextActivities"] = {"parent": [{"id": LESSON}]}
    for sent in (taught, nested, theirs):
        lrs.post(sent)

    def rows_of(sent):
        agents = StatementAgent.objects.filter(statement_id=sent["id"])
        activities = StatementActivity.objects.filter(statement_id=sent["id"])
        return sorted(agents.values_list("agent_key", "relation", "stored")), sorted(
            activities.values_list("activity_id", "relation", "stored")
        )

    kept = rows_of(theirs)
    assert all(rows_of(taught) + rows_of(nested))  # rows of each kind to erase

    assert agent_forget(agent=ALICE) == 2

    assert rows_of(taught) == rows_of(nested) == ([], [])
    assert rows_of(theirs) == kept
    assert StatementAgent.objects.count() == len(kept[0])
    assert StatementActivity.objects.count() == len(kept[1])
    assert found(lrs, agent=CAROL, related_agents="true") == {theirs["id"]}


def test_an_agent_row_carries_its_statement_stored_time(lrs):
    taught = statement(context={"instructor": CAROL})
    lrs.post(taught)

    stored = Statement.objects.get(id=taught["id"]).stored
    rows = StatementAgent.objects.filter(statement_id=taught["id"])
    assert set(rows.values_list("relation", "stored")) == {
        ("actor", stored),
        ("instructor", stored),
        ("authority", stored),
    }


def test_an_activity_has_one_row_per_statement_with_its_stored_time(lrs):
    # The course as object and as grouping, the lesson as parent twice (once
    # in the sub-statement): one row each, where first found, dated as stored.
    sub = sub_statement(object={"id": COURSE})
    sub["context"] = {"contextActivities": {"parent": [{"id": LESSON}]}}
    context = {"parent": [{"id": LESSON}], "grouping": [{"id": COURSE}]}
    both = statement(context={"contextActivities": context})
    both["object"] = {"id": COURSE}
    lrs.post(both)
    nested = statement(context={"contextActivities": {"parent": [{"id": LESSON}]}})
    nested["object"] = sub
    lrs.post(nested)

    for sent in (both, nested):
        stored = Statement.objects.get(id=sent["id"]).stored
        rows = StatementActivity.objects.filter(statement_id=sent["id"])
        assert sorted(rows.values_list("activity_id", "relation", "stored")) == [
            (COURSE, "object" if sent is both else "sub.object", stored),
            (LESSON, "parent", stored),
        ]
    assert found(lrs, activity=COURSE, related_activities="true") == {
        both["id"],
        nested["id"],
    }


def test_ref_id_is_stored_for_a_statement_ref_object(lrs):
    passed = statement()
    confirmed = ref_to(passed)
    lrs.post([passed, confirmed])

    assert str(Statement.objects.get(pk=confirmed["id"]).ref_id) == passed["id"]
    assert Statement.objects.get(pk=passed["id"]).ref_id is None


def test_statement_relations_lists_every_place():
    full = statement(actor=TEAM, context={"instructor": CAROL, "team": TEAM})
    full["context"]["contextActivities"] = {"parent": [{"id": COURSE}]}
    full["authority"] = BOB
    full["object"] = sub_statement(object=copy.deepcopy(DAVE))

    agents, activities = statement_relations(full)

    team = "account|https://skills.example.be|team-red"
    carol, dave = "mbox|mailto:carol@example.com", f"sha1|{'a' * 40}"
    assert set(agents) == {
        (team, "actor", False),
        (carol, "actor", True),
        (dave, "actor", True),
        ("mbox|mailto:bob@example.com", "authority", False),
        (carol, "instructor", False),
        (team, "team", False),
        (carol, "team", True),
        (dave, "team", True),
        ("account|https://skills.example.be|learner-42", "sub.actor", False),
        (dave, "sub.object", False),
    }
    assert set(activities) == {(COURSE, "parent")}


@pytest.mark.parametrize(
    ("filters", "queries"),
    [
        # Few match: one small look-up of what targets them, then the page.
        ({"agent": CAROL, "related_agents": True}, 2),
        # The activity's rows are read in stored order: as few match.
        ({"activity": COURSE, "related_activities": True}, 2),
        # And first the agent's statements as object or group member.
        ({"agent": CAROL, "agent_in_object": True, "verb": CONFIRMED}, 3),
        ({"verb": CONFIRMED}, 1),
    ],
    ids=["related-agents", "related-activities", "agent-verb", "verb-only"],
)
def test_a_filter_with_statement_refs_needs_at_most_three_queries(
    lrs, django_assert_num_queries, filters, queries
):
    lrs.post([statement(context={"instructor": CAROL}) for _ in range(3)])

    with django_assert_num_queries(queries):
        list(selectors.statements_filter(**filters, statement_refs=True)[:10])
