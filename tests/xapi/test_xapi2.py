"""xAPI 2.0.0 (IEEE 9274.1.1-2023) beside 1.0.3 on the same endpoint.

Section numbers: "9274" for the 2.0 standard's LRS book, Comm./Data for 1.0.3.
"""

import copy
import json
import uuid

import pytest

from tests.xapi.conftest import IN_PROCESS
from tests.xapi.test_api import ALICE, BOB, Lrs, ids_of, statement
from xapi.models import Scope, Statement

pytestmark = pytest.mark.django_db

V2 = {"HTTP_X_EXPERIENCE_API_VERSION": "2.0.0"}
CAROL = {"objectType": "Agent", "mbox": "mailto:carol@example.com"}
DAVE = {"objectType": "Agent", "mbox": "mailto:dave@example.com"}
TUTOR = "https://skills.example.be/xapi/roles/tutor"
CLASS = {
    "objectType": "Group",
    "name": "Classe 5B",
    "account": {"homePage": "https://skills.example.be", "name": "classe-5b"},
    "member": [copy.deepcopy(DAVE)],
}


@pytest.fixture
def lrs(http):
    """Each test runs through Django's test client and again over HTTP to
    gunicorn serving ``config.wsgi_api``, as production runs (``http``)."""
    return Lrs(http, "lms", [Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ])


def with_context(**context) -> dict:
    sent = statement()
    sent["context"] = context
    return sent


def stored_version(sent: dict) -> str:
    return Statement.objects.get(id=sent["id"]).data["version"]


@pytest.mark.parametrize("header", ["2.0", "2.0.0", "2.0.1"])
def test_a_2_0_client_is_answered_in_2_0(lrs, header):
    sent = statement()

    posted = lrs.post(sent, HTTP_X_EXPERIENCE_API_VERSION=header)
    read = lrs.get(headers={"HTTP_X_EXPERIENCE_API_VERSION": header})

    assert posted.status_code == 200
    assert posted["X-Experience-API-Version"] == "2.0.0"
    assert read["X-Experience-API-Version"] == "2.0.0"
    assert ids_of(read.json()["statements"]) == [sent["id"]]


def test_a_statement_without_version_takes_the_version_of_its_client(lrs):
    # Data 2.4.10.s3.b3: 1.0.0; 9274 4.2.4.3: 2.0.0.
    old, new = statement(), statement()

    lrs.post(old)
    lrs.post(new, **V2)

    assert stored_version(old) == "1.0.0"
    assert stored_version(new) == "2.0.0"


def test_a_2_0_client_may_send_1_0_statements_and_they_keep_their_version(lrs):
    # 9274 4.2.4.2: not refused for the version; 4.2.4.3: kept as accepted.
    replayed = {**statement(), "version": "1.0.3"}
    current = {**statement(), "version": "2.0.0"}

    assert lrs.post([replayed, current], **V2).status_code == 200

    assert stored_version(replayed) == "1.0.3"
    assert stored_version(current) == "2.0.0"


def test_a_1_0_3_client_may_not_send_a_2_0_statement(lrs):
    # Data 2.4.10.s3.b2: a version not starting with "1.0." is refused.
    response = lrs.post({**statement(), "version": "2.0.0"})

    assert response.status_code == 400
    assert "version" in response.json()["error"]
    assert not Statement.objects.exists()


@IN_PROCESS
@pytest.mark.parametrize("version", ["2.1.0", "3.0.0", "0.9", "two"])
def test_a_2_0_client_may_not_send_versions_neither_speaks(lrs, version):
    response = lrs.post({**statement(), "version": version}, **V2)

    assert response.status_code == 400
    assert not Statement.objects.exists()


def test_context_agents_and_groups_are_stored_and_read_back_whole(lrs):
    sent = with_context(
        contextAgents=[
            {"objectType": "contextAgent", "agent": CAROL, "relevantTypes": [TUTOR]},
            {"objectType": "contextAgent", "agent": BOB},
        ],
        contextGroups=[{"objectType": "contextGroup", "group": CLASS}],
    )

    assert lrs.post(sent, **V2).status_code == 200
    read = lrs.get(headers=V2, statementId=sent["id"]).json()

    assert read["context"]["contextAgents"] == sent["context"]["contextAgents"]
    assert read["context"]["contextGroups"] == sent["context"]["contextGroups"]


def test_format_ids_reduces_context_agents_and_groups_to_their_identifiers(lrs):
    """Comm. 2.1.3 format=ids, applied to 2.0's contextAgents and contextGroups
    as to instructor and team: agents and groups are their identifiers."""
    named_carol = {**CAROL, "name": "Carol"}
    sent = with_context(
        contextAgents=[{"objectType": "contextAgent", "agent": named_carol}],
        contextGroups=[
            {"objectType": "contextGroup", "group": CLASS, "relevantTypes": [TUTOR]}
        ],
    )
    sent["context"]["contextGroups"][0]["group"]["member"][0]["name"] = "Dave"
    assert lrs.post(sent, **V2).status_code == 200

    read = lrs.get(headers=V2, statementId=sent["id"], format="ids").json()

    (agent,) = read["context"]["contextAgents"]
    assert agent == {"objectType": "contextAgent", "agent": CAROL}
    (group,) = read["context"]["contextGroups"]
    assert group["relevantTypes"] == [TUTOR]
    # An identified Group is its identifier alone (Comm. 2.1.3, format).
    assert group["group"] == {"objectType": "Group", "account": CLASS["account"]}


def test_a_1_0_3_client_may_not_send_context_agents(lrs):
    sent = with_context(contextAgents=[{"objectType": "contextAgent", "agent": CAROL}])

    response = lrs.post(sent)

    assert response.status_code == 400
    assert "contextAgents" in response.json()["error"]


@IN_PROCESS
@pytest.mark.parametrize(
    ("context", "field"),
    [
        (
            {"contextAgents": {"objectType": "contextAgent", "agent": CAROL}},
            "contextAgents",
        ),
        ({"contextAgents": [{"objectType": "Agent", "agent": CAROL}]}, "objectType"),
        ({"contextAgents": [{"objectType": "contextAgent"}]}, "agent"),
        (
            {"contextAgents": [{"objectType": "contextAgent", "agent": {"key": "x"}}]},
            "agent",
        ),
        ({"contextAgents": [{"objectType": "contextAgent", "agent": CLASS}]}, "agent"),
        (
            {
                "contextAgents": [
                    {"objectType": "contextAgent", "agent": CAROL, "relevantTypes": []}
                ]
            },
            "relevantTypes",
        ),
        (
            {
                "contextAgents": [
                    {
                        "objectType": "contextAgent",
                        "agent": CAROL,
                        "relevantTypes": ["abc"],
                    }
                ]
            },
            "relevantTypes",
        ),
        (
            {
                "contextAgents": [
                    {"objectType": "contextAgent", "agent": CAROL, "member": []}
                ]
            },
            "member",
        ),
        ({"contextGroups": [{"objectType": "contextGroup", "group": CAROL}]}, "group"),
        (
            {"contextGroups": [{"objectType": "contextAgent", "group": CLASS}]},
            "objectType",
        ),
    ],
)
def test_malformed_context_agents_and_groups_are_refused(lrs, context, field):
    response = lrs.post(with_context(**context), **V2)

    assert response.status_code == 400
    assert field in response.json()["error"]
    assert not Statement.objects.exists()


def test_related_agents_finds_context_agents_groups_and_their_members(lrs):
    # 9274 4.1.6.1: related_agents includes Context Agents and Context Groups.
    sent = with_context(
        contextAgents=[{"objectType": "contextAgent", "agent": CAROL}],
        contextGroups=[{"objectType": "contextGroup", "group": CLASS}],
    )
    lrs.post(sent, **V2)
    lrs.post(statement(actor=BOB), **V2)

    def found(agent, related):
        params = {"agent": json.dumps(agent), "related_agents": related}
        return ids_of(lrs.get(headers=V2, **params).json()["statements"])

    assert found(CAROL, "true") == [sent["id"]]
    assert found(CLASS, "true") == [sent["id"]]
    assert found(DAVE, "true") == [sent["id"]]  # a member of the group
    assert found(CAROL, "false") == []  # the agent filter: actor or object only
    assert found(ALICE, "false") == [sent["id"]]


def test_a_1_0_3_client_reads_a_2_0_statement_as_stored(lrs):
    # Data 3.0 (1.0.3): statements of a newer version MUST NOT be converted
    # into an older one; a 1.0.3 reader is given what was stored.
    sent = with_context(contextAgents=[{"objectType": "contextAgent", "agent": CAROL}])
    lrs.post(sent, **V2)

    read = lrs.get(statementId=sent["id"])

    assert read["X-Experience-API-Version"] == "1.0.3"
    assert read.json()["context"]["contextAgents"] == sent["context"]["contextAgents"]
    assert read.json()["version"] == "2.0.0"


@IN_PROCESS
@pytest.mark.parametrize(
    "authority",
    [
        pytest.param({"objectType": "Group", "member": [CAROL]}, id="one-member"),
        pytest.param(
            {"objectType": "Group", "member": [CAROL, DAVE, BOB]}, id="three-members"
        ),
        pytest.param({**CLASS, "member": [CAROL, DAVE]}, id="identified-group"),
        pytest.param(
            {"objectType": "Group", "member": [CAROL, DAVE]}, id="no-oauth-consumer"
        ),
    ],
)
def test_an_authority_group_is_the_oauth_pair_in_both_versions(lrs, authority):
    """Data 2.4.9 (XAPI-00024, XAPI-00098 to 00100), which ADL's suites keep
    for 2.0.0: refused by either client, nothing stored."""
    sent = {**statement(), "authority": copy.deepcopy(authority)}

    in_2_0 = lrs.post(sent, **V2)
    in_1_0_3 = lrs.post(sent)

    assert in_2_0.status_code == in_1_0_3.status_code == 400
    assert "authority" in in_2_0.json()["error"]
    assert not Statement.objects.filter(id=sent["id"]).exists()


def test_an_oauth_pair_is_accepted_and_replaced_by_the_clients_own(lrs):
    oauth_pair = {
        "objectType": "Group",
        "member": [
            {"account": {"homePage": "https://lms.example.com", "name": "key-1"}},
            copy.deepcopy(CAROL),
        ],
    }
    sent = {**statement(), "authority": oauth_pair}

    assert lrs.post(sent, **V2).status_code == 200
    stored = Statement.objects.get(id=sent["id"]).data["authority"]
    assert stored["account"]["name"] == lrs.record.key


# -- Documents (9274 4.1.4) ---------------------------------------------------------


@pytest.fixture
def documents(http):
    from tests.xapi.test_documents import ALL_DOCUMENT_SCOPES
    from tests.xapi.test_documents import Lrs as DocumentsLrs

    return DocumentsLrs(http, scopes=ALL_DOCUMENT_SCOPES)


def test_a_state_put_over_an_existing_document_needs_a_header_in_2_0_only(documents):
    from tests.xapi.test_documents import STATE, state_params

    documents.put(STATE, state_params(), {"page": 1})

    refused = documents.put(STATE, state_params(), {"page": 2}, **V2)
    kept = documents.get(STATE, state_params(), **V2)
    replaced_in_1_0_3 = documents.put(STATE, state_params(), {"page": 3})
    with_etag = documents.put(
        STATE,
        state_params(),
        {"page": 4},
        HTTP_IF_MATCH=documents.get(STATE, state_params())["ETag"],
        **V2,
    )

    assert refused.status_code == 409
    assert "If-Match" in refused.json()["error"]
    assert kept.json() == {"page": 1}
    assert replaced_in_1_0_3.status_code == 204  # Comm. 3.1.s3
    assert with_etag.status_code == 204
    assert documents.get(STATE, state_params()).json() == {"page": 4}
    new = documents.put(STATE, state_params("other"), {"page": 1}, **V2)
    assert new.status_code == 204  # a new document needs no header


def test_a_page_of_statements_says_when_its_newest_was_stored(lrs):
    from django.utils.http import parse_http_date

    first, second = statement(), statement()
    lrs.post(first, **V2)
    lrs.post(second, **V2)

    page = lrs.get(headers=V2, limit=5)
    newest = max(Statement.objects.values_list("stored", flat=True))

    assert parse_http_date(page["Last-Modified"]) == int(newest.timestamp())


# -- Timestamps (9274 4.2.7) --------------------------------------------------------


def test_a_2_0_timestamp_is_stored_in_utc_and_1_0_3_keeps_its_own(lrs):
    eastern = "2023-05-04T12:00:00-05:00"
    new, old = statement(), statement()

    lrs.post({**new, "timestamp": eastern}, **V2)
    lrs.post({**old, "timestamp": eastern})

    assert (
        lrs.get(statementId=new["id"]).json()["timestamp"] == "2023-05-04T17:00:00.000Z"
    )
    assert lrs.get(statementId=old["id"]).json()["timestamp"] == eastern
    # The same statement sent again by a 1.0.3 client, as it wrote it: the
    # same instant, so the same statement (no conflict).
    again = lrs.post({**new, "timestamp": eastern})
    assert again.status_code == 200


def test_a_2_0_timestamp_may_have_a_space_between_date_and_time(lrs):
    sent = {**statement(), "timestamp": "2008-09-15 15:53:00.601+00:00"}

    assert lrs.post(sent, **V2).status_code == 200
    assert lrs.post({**statement(), "timestamp": sent["timestamp"]}).status_code == 400
    assert stored_timestamp(sent) == "2008-09-15T15:53:00.601Z"


@IN_PROCESS
@pytest.mark.parametrize(
    "timestamp", ["2008-09-15T15:53:00.601-00:00", "01/011/2015", "should fail"]
)
def test_a_2_0_client_may_not_send_timestamps_rfc_3339_refuses(lrs, timestamp):
    response = lrs.post({**statement(), "timestamp": timestamp}, **V2)

    assert response.status_code == 400
    assert "timestamp" in response.json()["error"]


def stored_timestamp(sent: dict) -> str:
    return Statement.objects.get(id=sent["id"]).data["timestamp"]


def test_a_2_0_statement_naming_a_property_twice_is_refused(lrs):
    # 9274 4.2.1; a JSON parser would keep the last one silently.
    sent = json.dumps(statement())
    twice = sent[:-1] + ', "verb": {"id": "http://example.com/verbs/other"}}'
    nested = sent.replace('"actor": {', '"actor": {"name": "A", "name": "B", ', 1)

    for body in (twice, nested):
        response = lrs.post(body, **V2)
        assert response.status_code == 400
        assert "twice" in response.json()["error"]
    assert not Statement.objects.exists()
    assert lrs.post(twice).status_code == 200  # 1.0.3 says nothing of it


# -- Signed statements: durations to 0.01 s (9274 4.2.7) ----------------------------


def test_a_signed_duration_is_compared_to_the_hundredth_in_2_0(lrs, signer):
    from tests.xapi.test_attachments import jws_token, post_signed, signed

    key, x5c = signer
    original = {**statement(), "result": {"duration": "P1DT12H36M0.1237S"}}
    payload = {**original, "result": {"duration": "P1DT12H36M0.12S"}}
    token = jws_token(payload, key, x5c=x5c)
    sent = signed(original, token)
    other = signed({**original, "id": str(uuid.uuid4())}, token)

    accepted = post_signed(lrs, sent, token, **V2)
    refused_in_1_0_3 = post_signed(lrs, other, token)

    assert accepted.status_code == 200, accepted.content
    stored = Statement.objects.get(id=sent["id"]).data["result"]["duration"]
    assert stored == "P1DT12H36M0.1237S"  # kept as sent, not rounded
    assert refused_in_1_0_3.status_code == 400


def test_a_duration_within_the_hundredth_is_the_same_statement_in_2_0(lrs):
    """9274 4.2.7: an LRS may keep a duration to 0.01 s only, so a statement
    sent again whose duration differs beyond that is the same one; more
    than that is a conflict. 1.0.3 compares durations as written."""
    sent = {**statement(), "result": {"duration": "PT1.234S"}}
    assert lrs.post(sent, **V2).status_code == 200

    again = {**sent, "result": {"duration": "PT1.23S"}}
    other = {**sent, "result": {"duration": "PT1.24S"}}

    assert lrs.post(again, **V2).status_code == 200
    assert lrs.post(other, **V2).status_code == 409
    assert lrs.post(again).status_code == 409  # a 1.0.3 client: as written
    assert Statement.objects.get(id=sent["id"]).data["result"] == {
        "duration": "PT1.234S"
    }


def test_a_2_0_client_may_not_use_the_alternate_request_syntax(lrs):
    """9274 dropped Comm. 1.3's method= forms: refused whether the form or the
    request's own header says 2.0; 1.0.3 keeps them."""
    from urllib.parse import urlencode

    sent = statement()

    def form(version: str) -> str:
        return urlencode(
            {
                "Authorization": lrs.headers["HTTP_AUTHORIZATION"],
                "X-Experience-API-Version": version,
                "statementId": sent["id"],
                "Content-Type": "application/json",
                "content": json.dumps(sent),
            }
        )

    said_in_form = lrs.http.post(
        "/xapi/statements?method=PUT",
        form("2.0.0"),
        content_type="application/x-www-form-urlencoded",
    )
    said_in_header = lrs.http.post(
        "/xapi/statements?method=PUT",
        form("1.0.3"),
        content_type="application/x-www-form-urlencoded",
        **V2,
    )

    for refused in (said_in_form, said_in_header):
        assert refused.status_code == 400
        assert "alternate request syntax" in refused.json()["error"]
    assert not Statement.objects.filter(id=sent["id"]).exists()
    in_1_0_3 = lrs.http.post(
        "/xapi/statements?method=PUT",
        form("1.0.3"),
        content_type="application/x-www-form-urlencoded",
    )
    assert in_1_0_3.status_code == 204
