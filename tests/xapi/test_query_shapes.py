"""GET /statements by the query shapes the benchmark measures: right results, in
stored order (newest first unless ascending), page after page through more links.

Each shape has two ways to its results (a few matches, or many; nothing or
something targeting them): both must give the same pages. Section numbers refer
to xAPI-Communication.md (Comm.) of xAPI 1.0.3.
"""

import json
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
from tests.xapi.test_related_filters import ref_to
from xapi import relations
from xapi.models import Scope, Statement

pytestmark = pytest.mark.django_db

LESSON = "http://example.com/xapi/activities/lesson-7"


@pytest.fixture
def lrs(client):
    return Lrs(client, "lms", [Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ])


def in_lesson(**parts) -> dict:
    """A statement about the quiz, in the lesson's and the course's context."""
    context = {
        "contextActivities": {"parent": [{"id": LESSON}], "grouping": [{"id": COURSE}]}
    }
    return statement(context=context, **parts)


def post_one_by_one(lrs: Lrs, statements: list[dict]) -> None:
    """One request each: stored times differ, as they mostly do in production."""
    for sent in statements:
        assert lrs.post(sent).status_code == 200


def newest_first(ids) -> list[str]:
    rows = Statement.objects.filter(id__in=list(ids)).order_by("-stored", "-id")
    return [str(pk) for pk in rows.values_list("id", flat=True)]


def pages(lrs: Lrs, **params) -> tuple[list[str], list[int]]:
    if "agent" in params:
        params["agent"] = json.dumps(params["agent"])
    statements, sizes = lrs.get_all(**params)
    return ids_of(statements), sizes


def test_agent_pages_are_the_agents_statements_newest_first(lrs):
    alices = [statement(actor=ALICE, verb=COMPLETED) for _ in range(5)]
    post_one_by_one(lrs, [*alices[:3], statement(actor=BOB), *alices[3:]])
    lrs.post([statement(actor=ALICE) for _ in range(2)])  # same stored time
    expected = newest_first(
        Statement.objects.filter(actor_key__contains="learner-42").values_list(
            "id", flat=True
        )
    )

    got, sizes = pages(lrs, agent=ALICE, limit="2")

    assert len(expected) == 7
    assert got == expected
    assert sizes == [2, 2, 2, 1]


def test_agent_pages_ascending_are_oldest_first(lrs):
    alices = [statement(actor=ALICE) for _ in range(4)]
    post_one_by_one(lrs, alices)

    got, _sizes = pages(lrs, agent=ALICE, limit="3", ascending="true")

    assert got == list(reversed(newest_first(s["id"] for s in alices)))


def test_agent_and_verb_pages(lrs):
    completed = [statement(actor=ALICE, verb=COMPLETED) for _ in range(3)]
    post_one_by_one(lrs, [completed[0], statement(actor=ALICE), *completed[1:]])

    got, sizes = pages(lrs, agent=ALICE, verb=COMPLETED, limit="2")

    assert got == newest_first(s["id"] for s in completed)
    assert sizes == [2, 1]


def test_a_statement_targeting_the_agents_takes_its_place_in_the_pages(lrs):
    alices = [statement(actor=ALICE) for _ in range(3)]
    post_one_by_one(lrs, alices[:2])
    confirmed = ref_to(alices[0], actor=BOB)
    post_one_by_one(lrs, [confirmed, alices[2]])

    got, sizes = pages(lrs, agent=ALICE, limit="2")

    assert got == newest_first([confirmed["id"], *(s["id"] for s in alices)])
    assert sizes == [2, 2]


def test_many_statements_targeting_the_agents_are_all_returned(lrs, monkeypatch):
    # Past FEW_TARGETING, the matches and their targeters are listed together.
    monkeypatch.setattr(relations, "FEW_TARGETING", 1)
    alices = [statement(actor=ALICE) for _ in range(2)]
    refs = [ref_to(alices[0], actor=BOB), ref_to(alices[1], actor=BOB)]
    post_one_by_one(lrs, [*alices, *refs, statement(actor=BOB)])

    got, _sizes = pages(lrs, agent=ALICE, limit="3")

    assert got == newest_first(s["id"] for s in [*alices, *refs])


def test_registration_pages(lrs):
    registration = str(uuid.uuid4())
    ours = [statement(registration=registration) for _ in range(3)]
    post_one_by_one(
        lrs, [ours[0], statement(registration=str(uuid.uuid4())), *ours[1:]]
    )

    got, sizes = pages(lrs, registration=registration, limit="2")

    assert got == newest_first(s["id"] for s in ours)
    assert sizes == [2, 1]


@pytest.mark.parametrize("few_targeting", [500, 0], ids=["listed", "joined"])
def test_related_activities_pages_are_the_same_for_few_or_many(
    lrs, monkeypatch, few_targeting
):
    # What targets a match is listed when few; past FEW_TARGETING, matches and
    # what targets them are joined. Either way, the same pages.
    monkeypatch.setattr(relations, "FEW_TARGETING", few_targeting)
    in_context = [in_lesson() for _ in range(3)]
    about = statement(activity=LESSON)
    post_one_by_one(lrs, [in_context[0], statement(), about, *in_context[1:]])
    confirmed = ref_to(in_context[1], actor=BOB)
    post_one_by_one(lrs, [confirmed])
    expected = newest_first(
        [about["id"], confirmed["id"], *(s["id"] for s in in_context)]
    )

    got, sizes = pages(lrs, activity=LESSON, related_activities="true", limit="2")

    assert got == expected
    assert sizes == [2, 2, 1]
    course, _ = pages(lrs, activity=COURSE, related_activities="true", limit="2")
    assert course == newest_first([confirmed["id"], *(s["id"] for s in in_context)])


def test_verb_since_pages_leave_out_older_statements(lrs):
    old = statement(verb=COMPLETED)
    post_one_by_one(lrs, [old])
    since = Statement.objects.get(id=old["id"]).stored.isoformat()
    newer = [statement(verb=COMPLETED) for _ in range(3)]
    post_one_by_one(lrs, [newer[0], statement(), *newer[1:]])

    got, sizes = pages(lrs, verb=COMPLETED, since=since, limit="2")

    assert got == newest_first(s["id"] for s in newer)
    assert sizes == [2, 1]


def test_more_link_pages_do_not_repeat_or_skip_when_new_statements_arrive(lrs):
    alices = [statement(actor=ALICE, activity=QUIZ) for _ in range(4)]
    post_one_by_one(lrs, alices)
    first = lrs.get(agent=json.dumps(ALICE), limit="2").json()
    post_one_by_one(lrs, [statement(actor=ALICE)])  # newer: not on later pages

    rest = lrs.get(first["more"]).json()

    got = ids_of(first["statements"]) + ids_of(rest["statements"])
    assert got == newest_first(s["id"] for s in alices)
    assert rest["more"] == ""


@pytest.mark.parametrize("ascending", ["false", "true"])
def test_pages_of_one_stored_time_are_ordered_by_id(lrs, ascending):
    # One request: one stored time; the id decides the order, page after page.
    batch = [statement(verb=COMPLETED) for _ in range(5)]
    lrs.post([*batch, statement()])

    got, sizes = pages(lrs, verb=COMPLETED, limit="2", ascending=ascending)

    expected = newest_first(s["id"] for s in batch)
    assert got == (expected if ascending == "false" else expected[::-1])
    assert sizes == [2, 2, 1]


def plan_of(query) -> str:
    """PostgreSQL's plan for a query, asked of the indexes alone: a test table
    is small enough to scan, hash or sort, a store of millions is not."""
    from django.db import connection

    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        for method in ("seqscan", "bitmapscan", "sort", "hashjoin", "mergejoin"):
            cursor.execute(f"SET LOCAL enable_{method} = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_client_reading_only_its_own_statements_walks_its_own_index(lrs):
    """A client with statements/read/mine and few statements among millions:
    PostgreSQL reads that client's rows in stored order, not the whole store."""
    from django.db import connection

    from xapi import selectors

    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's (run in CI against it)")
    authority = {"account": {"homePage": "https://lrs.example.be/", "name": "app-a"}}
    query = selectors.statements_filter(authority=authority).values_list("id")[:26]

    plan = plan_of(query)

    assert "xapi_stmt_authority" in plan
    assert "Sort" not in plan  # the index gives the order: it stops at 26


def test_an_activitys_statements_are_read_newest_first_from_its_index(lrs):
    """A course's thousands of statements among millions: PostgreSQL reads the
    course's newest relation rows in order and stops after a page, instead of
    testing every statement, newest first (10 ms a page at 1.3 M)."""
    from django.db import connection

    from xapi import selectors

    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's (run in CI against it)")
    post_one_by_one(lrs, [in_lesson() for _ in range(3)])
    rows = selectors.statements_filter(
        activity=COURSE, related_activities=True, statement_refs=True
    )

    plan = plan_of(rows.values_list("id")[:26])

    assert "Index Only Scan Backward using xapi_rel_activity_stored" in plan
    assert "Sort" not in plan
    # Not every statement, newest first, each tested for a row of the course.
    assert "Backward using xapi_stmt_stored" not in plan
    # A later page starts in the index where the page before stopped.
    last = Statement.objects.order_by("stored").values_list("stored", "id").first()
    later = selectors.statements_filter(
        activity=COURSE, related_activities=True, statement_refs=True, after=last
    )
    later_plan = plan_of(later.values_list("id")[:26])
    relation_scan = later_plan.split("xapi_rel_activity_stored")[1].split("->")[0]
    assert "stored <=" in relation_scan


def test_where_an_agent_is_other_than_actor_is_read_from_its_own_index(lrs):
    """The agent filter lists the few statements where the agent is object or
    group member: from a small index of those rows, not by reading each of
    the agent's thousands of actor rows from the table."""
    from django.db import connection
    from django.db.models import Q

    from xapi import relations

    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's (run in CI against it)")
    # An agent who acts a lot, as on a real store, and statistics that say
    # so: with a handful of rows either index costs the same to the planner.
    assert lrs.post([statement(actor=ALICE) for _ in range(300)]).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE xapi_statementagent")
    elsewhere = relations.agent_statements(
        ALICE, relations=relations.ACTOR_OR_OBJECT
    ).filter(Q(relation="object") | Q(member=True))

    plan = plan_of(elsewhere.values_list("statement_id", flat=True)[:501])

    assert "xapi_rel_agent_elsewhere" in plan


def test_erasure_finds_relation_rows_by_their_own_indexes(lrs):
    """The relation rows have no index by statement (each new row would go to
    a random place of it): erasure finds an erased statement's rows by agent
    and place, or activity, then stored time, never by scanning the table."""
    from django.db import connection

    from xapi import relations
    from xapi.models import StatementActivity, StatementAgent

    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's (run in CI against it)")
    post_one_by_one(lrs, [in_lesson() for _ in range(3)])
    erased = list(Statement.objects.values_list("id", "stored")[:2])
    authority_rows = StatementAgent.objects.filter(
        agent_key="account|https://x.be|t", relation="authority"
    )
    course_rows = StatementActivity.objects.filter(activity_id=COURSE)

    for rows, index in (
        (authority_rows, "xapi_rel_agent_stored"),
        (course_rows, "xapi_rel_activity_stored"),
    ):
        plan = plan_of(relations.rows_of_statements(erased, rows))
        assert f"using {index}" in plan
        assert "Seq Scan" not in plan
