"""The xAPI 1.0.3 HTTP API: About and Statements, as an LRS client sees them.

Section numbers refer to xAPI-Communication.md (Comm.) and xAPI-Data.md (Data) of
xAPI 1.0.3.
"""

import base64
import copy
import json
import uuid
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest

from xapi.clients import client_authority, client_create, client_revoke
from xapi.models import Scope, Statement

pytestmark = pytest.mark.django_db

URL = "/xapi/statements"
ABOUT = "/xapi/about"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
QUIZ = "http://example.com/xapi/activities/quiz-1"
COURSE = "http://example.com/xapi/activities/course-1"
ALICE = {
    "objectType": "Agent",
    "name": "Alice",
    "account": {"homePage": "https://skills.example.be", "name": "learner-42"},
}
BOB = {"objectType": "Agent", "name": "Bob", "mbox": "mailto:bob@example.com"}


def statement(
    *,
    actor: dict = ALICE,
    verb: str = ANSWERED,
    activity: str = QUIZ,
    registration: str | None = None,
    with_id: bool = True,
    **extra,
) -> dict:
    """A fresh valid statement, with a new id unless told otherwise."""
    data = {
        "actor": copy.deepcopy(actor),
        "verb": {"id": verb, "display": {"en-US": "answered", "fr-BE": "a répondu"}},
        "object": {
            "objectType": "Activity",
            "id": activity,
            "definition": {
                "name": {"en-US": "Quiz 1", "fr-BE": "Quiz 1 (fr)"},
                "description": {"en-US": "The first quiz", "fr-BE": "Le premier"},
            },
        },
        "timestamp": "2025-03-01T10:00:00.000Z",
        **extra,
    }
    if with_id:
        data["id"] = str(uuid.uuid4())
    if registration:
        data.setdefault("context", {})["registration"] = registration
    return data


def voiding(target_id: str, *, actor: dict = ALICE) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": copy.deepcopy(actor),
        "verb": {"id": VOIDED, "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": target_id},
    }


def basic(key: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()


class Lrs:
    """One LRS client's view of the API: its credentials on every request."""

    def __init__(self, http, name: str, scopes: list[str]):
        self.record, self.secret = client_create(name=name, scopes=scopes)
        self.http = http
        self.headers = {
            "HTTP_AUTHORIZATION": basic(self.record.key, self.secret),
            "HTTP_X_EXPERIENCE_API_VERSION": "1.0.3",
        }

    def post(self, body, **headers):
        payload = body if isinstance(body, str | bytes) else json.dumps(body)
        return self.http.post(
            URL,
            payload,
            content_type=headers.pop("content_type", "application/json"),
            **{**self.headers, **headers},
        )

    def put(self, body, statement_id: str | None = None, **headers):
        query = {} if statement_id is None else {"statementId": statement_id}
        return self.http.put(
            URL,
            json.dumps(body),
            content_type="application/json",
            query_params=query,
            **{**self.headers, **headers},
        )

    def get(self, path: str = URL, headers: dict | None = None, **params):
        return self.http.get(path, params, **{**self.headers, **(headers or {})})

    def get_all(self, **params) -> tuple[list[dict], list[int]]:
        """Every statement of a query, following ``more``; with the page sizes."""
        response = self.get(**params)
        statements, sizes = [], []
        for _ in range(100):
            assert response.status_code == 200, response.content
            body = response.json()
            statements += body["statements"]
            sizes.append(len(body["statements"]))
            if not body["more"]:
                return statements, sizes
            response = self.get(body["more"])
        raise AssertionError("more links never end")


@pytest.fixture
def lrs(client):
    """A client that may write and read every statement."""
    return Lrs(client, "lms", [Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ])


def ids_of(statements: list[dict]) -> list[str]:
    return [s["id"] for s in statements]


def stored_ids(**filters) -> set[str]:
    return {
        str(pk)
        for pk in Statement.objects.filter(**filters).values_list("pk", flat=True)
    }


# -- About, versions, CORS ------------------------------------------------------------


def test_about_needs_no_credentials_and_lists_both_versions(client):
    response = client.get(ABOUT)

    assert response.status_code == 200
    assert response.json()["version"] == ["1.0.3", "2.0.0"]
    # A request that names no version is answered in the latest (9274 4.1.7).
    assert response["X-Experience-API-Version"] == "2.0.0"
    asked = client.get(ABOUT, HTTP_X_EXPERIENCE_API_VERSION="1.0.1")
    assert asked["X-Experience-API-Version"] == "1.0.3"


def test_every_response_carries_the_version_header(client, lrs):
    kept = statement()
    responses = [
        client.get(ABOUT),
        client.get(URL),  # 400: no version header
        client.get(URL, HTTP_X_EXPERIENCE_API_VERSION="1.0.3"),  # 401
        lrs.post(kept),  # 200
        lrs.put(statement(), statement_id=str(uuid.uuid4())),  # 400: ids differ
        lrs.put({**kept, "verb": {"id": COMPLETED}}, statement_id=kept["id"]),  # 409
        lrs.get(statementId=str(uuid.uuid4())),  # 404
        lrs.get(),  # 200
        client.options(URL),
    ]

    statuses = [r.status_code for r in responses]
    assert statuses == [200, 400, 401, 200, 400, 409, 404, 200, 200]
    # Those that named no version are answered in the latest (9274 4.1.7).
    assert [r["X-Experience-API-Version"] for r in responses] == [
        "2.0.0",
        "2.0.0",
        *["1.0.3"] * 6,
        "2.0.0",
    ]


@pytest.mark.parametrize("version", ["1.0", "1.0.0", "1.0.1", "1.0.3", "1.0.9"])
def test_any_1_0_version_header_is_accepted(lrs, version):
    # Comm. 3.3.s3.b3 and b5: "1.0" and any version starting with "1.0.".
    sent = statement()
    posted = lrs.post(sent, HTTP_X_EXPERIENCE_API_VERSION=version)

    response = lrs.get(headers={"HTTP_X_EXPERIENCE_API_VERSION": version})

    assert posted.status_code == 200
    assert response.status_code == 200
    assert ids_of(response.json()["statements"]) == [sent["id"]]
    # The LRS answers in the version it speaks, whatever 1.0 the client said.
    assert response["X-Experience-API-Version"] == "1.0.3"


@pytest.mark.parametrize(
    "version", ["0.95", "0.9", "1.1.0", "2.1.0", "3.0.0", "1.0.x", "2.0.x", ""]
)
def test_other_version_headers_are_refused_with_a_message(lrs, version):
    # Comm. 3.3.s3.b4/b6 and 9274 4.1.7: before 1.0.0, 1.1.0 and 2.1.0 on.
    response = lrs.get(headers={"HTTP_X_EXPERIENCE_API_VERSION": version})

    assert response.status_code == 400
    assert "version" in response.json()["error"].lower()
    assert response["X-Experience-API-Version"] == "2.0.0"


def test_missing_version_header_is_refused_with_a_message(client, lrs):
    response = client.post(
        URL,
        json.dumps(statement()),
        content_type="application/json",
        HTTP_AUTHORIZATION=lrs.headers["HTTP_AUTHORIZATION"],
    )

    assert response.status_code == 400
    assert "X-Experience-API-Version" in response.json()["error"]
    assert not Statement.objects.exists()


def test_cors_preflight_allows_the_xapi_headers(client):
    response = client.options(
        URL,
        HTTP_ORIGIN="https://course.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    allowed = {
        h.strip().lower() for h in response["Access-Control-Allow-Headers"].split(",")
    }
    assert {"authorization", "content-type", "x-experience-api-version"} <= allowed
    assert "PUT" in response["Access-Control-Allow-Methods"]
    assert (
        "X-Experience-API-Consistent-Through"
        in (response["Access-Control-Expose-Headers"])
    )


# -- Authentication and scopes --------------------------------------------------------


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Basic " + base64.b64encode(b"nobody:nothing").decode(),
        "Basic !!!not-base64!!!",
        "Bearer abc",
    ],
)
def test_missing_or_unknown_credentials_get_401(client, authorization):
    headers = {"HTTP_X_EXPERIENCE_API_VERSION": "1.0.3"}
    if authorization:
        headers["HTTP_AUTHORIZATION"] = authorization

    response = client.post(
        URL, json.dumps(statement()), content_type="application/json", **headers
    )

    assert response.status_code == 401
    assert response.json()["error"]
    assert not Statement.objects.exists()


def test_wrong_secret_gets_401(lrs):
    response = lrs.post(
        statement(), HTTP_AUTHORIZATION=basic(lrs.record.key, lrs.secret + "x")
    )

    assert response.status_code == 401
    assert not Statement.objects.exists()


def test_revoked_client_gets_401(lrs):
    assert lrs.post(statement()).status_code == 200
    client_revoke(name=lrs.record.name)

    assert lrs.post(statement()).status_code == 401
    assert lrs.get().status_code == 401
    assert Statement.objects.count() == 1


def test_client_without_write_scope_cannot_store(client):
    reader = Lrs(client, "dashboard", [Scope.STATEMENTS_READ])
    kept = statement()

    posted = reader.post(kept)
    put = reader.put(kept, statement_id=kept["id"])

    assert posted.status_code == 403
    assert put.status_code == 403
    assert "statements/write" in posted.json()["error"]
    assert not Statement.objects.exists()


def test_client_without_read_scope_cannot_read(client):
    writer = Lrs(client, "sensor", [Scope.STATEMENTS_WRITE])
    sent = statement()
    assert writer.post(sent).status_code == 200

    listed = writer.get()
    single = writer.get(statementId=sent["id"])

    assert (listed.status_code, single.status_code) == (403, 403)
    assert "statements/read" in listed.json()["error"]
    assert "statements" not in listed.json()
    assert "actor" not in single.json()


def test_read_mine_sees_only_its_own_statements(client):
    mine = Lrs(client, "app-a", [Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ_MINE])
    other = Lrs(client, "app-b", [Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ_MINE])
    admin = Lrs(client, "reports", [Scope.STATEMENTS_READ])
    own, foreign = statement(), statement()
    assert mine.post(own).status_code == 200
    assert other.post(foreign).status_code == 200

    assert ids_of(mine.get().json()["statements"]) == [own["id"]]
    assert ids_of(mine.get(verb=ANSWERED).json()["statements"]) == [own["id"]]
    assert mine.get(statementId=foreign["id"]).status_code == 404
    assert mine.get(statementId=own["id"]).status_code == 200
    assert set(ids_of(admin.get().json()["statements"])) == {own["id"], foreign["id"]}
    assert admin.get(statementId=foreign["id"]).status_code == 200


def test_all_read_scope_reads_everything(client, lrs):
    kept = statement()
    lrs.post(kept)
    auditor = Lrs(client, "auditor", [Scope.ALL_READ])

    assert ids_of(auditor.get().json()["statements"]) == [kept["id"]]
    assert auditor.post(statement()).status_code == 403


def test_more_link_of_one_client_does_not_widen_another_clients_view(client):
    mine = Lrs(client, "app-a", [Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ_MINE])
    other = Lrs(client, "app-b", [Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ_MINE])
    mine.post([statement(), statement(), statement()])
    foreign = statement()
    other.post(foreign)

    more = mine.get(limit=1).json()["more"]
    response = other.get(more)

    # Either refused, or read with the other client's own restriction.
    if response.status_code == 200:
        seen = ids_of(response.json()["statements"])
        assert set(seen) <= {foreign["id"]}
    else:
        assert response.status_code == 400


# -- POST ----------------------------------------------------------------------------


def test_post_one_statement_returns_its_id_and_stores_it(lrs):
    sent = statement()

    response = lrs.post(sent)

    assert response.status_code == 200
    assert response.json() == [sent["id"]]
    row = Statement.objects.get(pk=sent["id"])
    assert row.verb_id == ANSWERED
    assert row.activity_id == QUIZ
    assert row.data["actor"] == ALICE
    assert row.data["authority"] == client_authority(lrs.record)


def test_post_without_id_gets_one_from_the_lrs(lrs):
    response = lrs.post(statement(with_id=False))

    assert response.status_code == 200
    (statement_id,) = response.json()
    assert uuid.UUID(statement_id)
    assert stored_ids() == {statement_id}


def test_post_batch_returns_ids_in_order(lrs):
    batch = [statement(), statement(with_id=False), statement()]

    response = lrs.post(batch)

    assert response.status_code == 200
    ids = response.json()
    assert len(ids) == 3
    assert ids[0] == batch[0]["id"]
    assert ids[2] == batch[2]["id"]
    assert stored_ids() == set(ids)


def test_batch_with_one_invalid_statement_stores_nothing(lrs):
    batch = [statement(), statement(), statement()]
    batch[1]["verb"] = {"id": "not an iri"}

    response = lrs.post(batch)

    assert response.status_code == 400
    assert "statement[1].verb.id" in response.json()["error"]
    assert not Statement.objects.exists()


def test_batch_with_a_missing_required_field_names_it(lrs):
    batch = [statement(), statement()]
    del batch[1]["actor"]

    response = lrs.post(batch)

    assert response.status_code == 400
    assert "statement[1].actor" in response.json()["error"]
    assert not Statement.objects.exists()


def test_batch_with_the_same_id_twice_is_refused(lrs):
    first = statement()
    second = statement()
    second["id"] = first["id"]

    response = lrs.post([first, second])

    assert response.status_code == 400
    assert not Statement.objects.exists()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{not json", "application/json"),
        ("", "application/json"),
        ('"a string"', "application/json"),
        ("[1, 2]", "application/json"),
        (json.dumps({"actor": ALICE}), "text/plain"),
    ],
)
def test_body_that_is_not_statements_json_is_refused(lrs, body, content_type):
    response = lrs.post(body, content_type=content_type)

    assert response.status_code == 400
    assert response.json()["error"]
    assert not Statement.objects.exists()


def test_identical_statement_posted_again_is_accepted_once(lrs):
    sent = statement()
    assert lrs.post(sent).status_code == 200

    again = lrs.post(sent)

    assert again.status_code == 200
    assert again.json() == [sent["id"]]
    assert Statement.objects.count() == 1


def test_identical_statement_without_timestamp_posted_again_is_accepted(lrs):
    sent = statement()
    del sent["timestamp"]
    assert lrs.post(sent).status_code == 200
    first = Statement.objects.get(pk=sent["id"])

    again = lrs.post(sent)

    # The LRS set the timestamp the first time: the second sending is the same
    # statement, which keeps its first timestamp.
    assert again.status_code == 200
    assert again.json() == [sent["id"]]
    assert Statement.objects.count() == 1
    stored = Statement.objects.get(pk=sent["id"])
    assert stored.data["timestamp"] == first.data["timestamp"]
    assert stored.data["stored"] == first.data["stored"]


def test_same_id_with_other_content_is_a_conflict_and_changes_nothing(lrs):
    sent = statement()
    lrs.post(sent)
    before = Statement.objects.get(pk=sent["id"]).data

    response = lrs.post({**sent, "verb": {"id": COMPLETED}})

    assert response.status_code == 409
    assert sent["id"] in response.json()["error"]
    assert Statement.objects.get(pk=sent["id"]).data == before


def test_conflict_in_a_batch_stores_none_of_the_batch(lrs):
    sent = statement()
    lrs.post(sent)
    fresh = statement()

    response = lrs.post([fresh, {**sent, "verb": {"id": COMPLETED}}])

    assert response.status_code == 409
    assert stored_ids() == {sent["id"]}


def test_statement_set_values_are_overwritten_by_the_lrs(lrs):
    sent = statement(authority=BOB, stored="2000-01-01T00:00:00Z")

    lrs.post(sent)

    data = Statement.objects.get(pk=sent["id"]).data
    assert data["authority"] == client_authority(lrs.record)
    assert data["stored"] != "2000-01-01T00:00:00Z"


# -- PUT -----------------------------------------------------------------------------


def test_put_stores_under_the_statement_id(lrs):
    statement_id = str(uuid.uuid4())

    response = lrs.put(statement(with_id=False), statement_id=statement_id)

    assert response.status_code == 204
    assert response.content == b""
    assert stored_ids() == {statement_id}
    assert Statement.objects.get(pk=statement_id).data["id"] == statement_id


def test_put_with_matching_body_id_is_stored(lrs):
    sent = statement()

    assert lrs.put(sent, statement_id=sent["id"]).status_code == 204
    assert stored_ids() == {sent["id"]}


def test_put_without_statement_id_is_refused(lrs):
    response = lrs.put(statement())

    assert response.status_code == 400
    assert "statementId" in response.json()["error"]
    assert not Statement.objects.exists()


def test_put_with_malformed_statement_id_is_refused(lrs):
    response = lrs.put(statement(with_id=False), statement_id="not-a-uuid")

    assert response.status_code == 400
    assert not Statement.objects.exists()


def test_put_whose_body_id_differs_is_refused(lrs):
    response = lrs.put(statement(), statement_id=str(uuid.uuid4()))

    assert response.status_code == 400
    assert "statementId" in response.json()["error"]
    assert not Statement.objects.exists()


def test_put_of_an_invalid_statement_is_refused(lrs):
    response = lrs.put(
        {**statement(with_id=False), "verb": {}}, statement_id=str(uuid.uuid4())
    )

    assert response.status_code == 400
    assert "verb.id" in response.json()["error"]
    assert not Statement.objects.exists()


def test_put_of_a_batch_is_refused(lrs):
    response = lrs.put([statement(with_id=False)], statement_id=str(uuid.uuid4()))

    assert response.status_code == 400
    assert not Statement.objects.exists()


def test_put_again_identical_is_204_and_different_is_409(lrs):
    sent = statement()
    lrs.put(sent, statement_id=sent["id"])
    before = Statement.objects.get(pk=sent["id"]).data

    same = lrs.put(sent, statement_id=sent["id"])
    different = lrs.put({**sent, "verb": {"id": COMPLETED}}, statement_id=sent["id"])

    assert same.status_code == 204
    assert different.status_code == 409
    assert Statement.objects.get(pk=sent["id"]).data == before


# -- GET one statement ---------------------------------------------------------------


def test_get_by_id_returns_the_statement_with_lrs_properties(lrs):
    sent = statement()
    lrs.post(sent)

    response = lrs.get(statementId=sent["id"])

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == sent["id"]
    assert body["actor"] == sent["actor"]
    assert body["verb"] == sent["verb"]
    assert body["object"] == sent["object"]
    assert body["authority"] == client_authority(lrs.record)
    assert body["version"].startswith("1.0.")
    stored = datetime.fromisoformat(body["stored"])
    assert stored.tzinfo is not None
    assert datetime.fromisoformat(response["X-Experience-API-Consistent-Through"])
    # Comm. 2.1.3.s2.b8: Last-Modified is the stored time, as an HTTP date.
    last_modified = parsedate_to_datetime(response["Last-Modified"])
    assert abs(last_modified - stored) < timedelta(seconds=1)


def test_get_by_id_in_upper_case_finds_it(lrs):
    sent = statement()
    lrs.post(sent)

    assert lrs.get(statementId=sent["id"].upper()).json()["id"] == sent["id"]


def test_get_unknown_id_is_404(lrs):
    response = lrs.get(statementId=str(uuid.uuid4()))

    assert response.status_code == 404
    assert response.json()["error"]


def test_get_malformed_id_is_400(lrs):
    response = lrs.get(statementId="nope")

    assert response.status_code == 400
    assert "statementId" in response.json()["error"]


@pytest.mark.parametrize(
    "extra",
    [
        {"verb": ANSWERED},
        {"limit": "1"},
        {"ascending": "true"},
        {"voidedStatementId": "8f87ccde-bb56-4c2e-ab83-44982ef22df0"},
    ],
)
def test_statement_id_with_another_filter_is_400(lrs, extra):
    sent = statement()
    lrs.post(sent)

    response = lrs.get(statementId=sent["id"], **extra)

    assert response.status_code == 400
    message = response.json()["error"]
    assert "cannot be combined" in message
    assert "statementId" in message
    assert next(iter(extra)) in message
    assert "actor" not in response.json()


def test_statement_id_may_come_with_format_and_attachments(lrs):
    sent = statement()
    lrs.post(sent)

    response = lrs.get(statementId=sent["id"], format="ids", attachments="false")

    assert response.status_code == 200
    # Comm. 2.1.3, format=ids: an Activity is its id alone.
    assert response.json()["object"] == {"id": QUIZ}


# -- Voiding -------------------------------------------------------------------------


def test_voided_statement_is_only_found_by_voided_statement_id(lrs):
    target = statement()
    lrs.post(target)
    void = voiding(target["id"])

    assert lrs.post(void).status_code == 200

    assert Statement.objects.get(pk=target["id"]).voided
    assert lrs.get(statementId=target["id"]).status_code == 404
    response = lrs.get(voidedStatementId=target["id"])
    assert response.status_code == 200
    assert response.json()["id"] == target["id"]
    assert lrs.get(statementId=void["id"]).status_code == 200


def test_voided_statement_id_of_a_statement_not_voided_is_404(lrs):
    sent = statement()
    lrs.post(sent)

    response = lrs.get(voidedStatementId=sent["id"])

    assert response.status_code == 404
    assert "actor" not in response.json()
    assert lrs.get(statementId=sent["id"]).json()["id"] == sent["id"]


def test_filtered_get_leaves_out_voided_but_keeps_the_voiding_statement(lrs):
    target, kept = statement(), statement()
    lrs.post([target, kept])
    void = voiding(target["id"])
    lrs.post(void)

    everything = ids_of(lrs.get().json()["statements"])
    by_agent = ids_of(lrs.get(agent=json.dumps(ALICE)).json()["statements"])

    assert target["id"] not in everything
    assert set(everything) == {kept["id"], void["id"]}
    assert set(by_agent) == {kept["id"], void["id"]}


def test_voiding_in_the_same_batch_voids_the_target(lrs):
    target = statement()
    void = voiding(target["id"])

    posted = lrs.post([target, void])

    assert posted.json() == [target["id"], void["id"]]
    assert Statement.objects.get(pk=target["id"]).voided
    assert lrs.get(statementId=target["id"]).status_code == 404
    assert lrs.get(voidedStatementId=target["id"]).json()["id"] == target["id"]
    assert ids_of(lrs.get().json()["statements"]) == [void["id"]]


def test_a_voiding_statement_cannot_be_voided(lrs):
    target = statement()
    first = voiding(target["id"])
    lrs.post([target, first])
    second = voiding(first["id"])

    lrs.post(second)

    assert not Statement.objects.get(pk=first["id"]).voided
    assert lrs.get(statementId=first["id"]).json()["id"] == first["id"]
    assert lrs.get(voidedStatementId=first["id"]).status_code == 404
    # The target stays voided, and the second voiding statement is kept as sent.
    assert Statement.objects.get(pk=target["id"]).voided
    assert lrs.get(statementId=second["id"]).json()["object"]["id"] == first["id"]


# -- GET with filters ----------------------------------------------------------------


def test_get_without_filters_returns_a_statement_result(lrs):
    sent = statement()
    lrs.post(sent)

    response = lrs.get()

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert ids_of(body["statements"]) == [sent["id"]]
    assert body["more"] == ""
    assert datetime.fromisoformat(response["X-Experience-API-Consistent-Through"])


def test_get_with_nothing_matching_is_200_and_empty(lrs):
    response = lrs.get(verb=COMPLETED)

    assert response.status_code == 200
    assert response.json() == {"statements": [], "more": ""}


def test_agent_filter_by_account_and_by_mbox(lrs):
    by_alice, by_bob = statement(actor=ALICE), statement(actor=BOB)
    lrs.post([by_alice, by_bob])
    # Only the IFI matters (Comm. 2.1.3 agent): name and objectType do not.
    alice_query = {"account": ALICE["account"]}
    bob_query = {"objectType": "Agent", "mbox": BOB["mbox"], "name": "Robert"}

    alice_seen = lrs.get(agent=json.dumps(alice_query)).json()["statements"]
    bob_seen = lrs.get(agent=json.dumps(bob_query)).json()["statements"]

    assert ids_of(alice_seen) == [by_alice["id"]]
    assert ids_of(bob_seen) == [by_bob["id"]]


def test_agent_filter_matches_the_object_too(lrs):
    about_bob = statement(actor=ALICE)
    about_bob["object"] = copy.deepcopy(BOB)
    unrelated = statement(actor=ALICE)
    lrs.post([about_bob, unrelated])

    seen = lrs.get(agent=json.dumps({"mbox": BOB["mbox"]})).json()["statements"]

    assert ids_of(seen) == [about_bob["id"]]


def test_verb_and_activity_filters(lrs):
    answered = statement(verb=ANSWERED, activity=QUIZ)
    completed = statement(verb=COMPLETED, activity=COURSE)
    lrs.post([answered, completed])

    by_verb = lrs.get(verb=COMPLETED).json()["statements"]
    by_activity = lrs.get(activity=QUIZ).json()["statements"]
    both = lrs.get(verb=COMPLETED, activity=QUIZ).json()["statements"]

    assert ids_of(by_verb) == [completed["id"]]
    assert ids_of(by_activity) == [answered["id"]]
    assert both == []


def test_activity_filter_ignores_context_activities_by_default(lrs):
    in_course = statement(activity=QUIZ)
    in_course["context"] = {"contextActivities": {"parent": [{"id": COURSE}]}}
    lrs.post(in_course)

    assert lrs.get(activity=COURSE).json()["statements"] == []


def test_registration_filter(lrs):
    registration = str(uuid.uuid4())
    inside = statement(registration=registration)
    lrs.post([inside, statement(registration=str(uuid.uuid4())), statement()])

    seen = lrs.get(registration=registration).json()["statements"]
    upper = lrs.get(registration=registration.upper()).json()["statements"]

    assert ids_of(seen) == [inside["id"]]
    assert ids_of(upper) == [inside["id"]]


def test_since_is_exclusive_and_until_inclusive(lrs):
    first, second, third = statement(), statement(), statement()
    for sent in (first, second, third):
        lrs.post(sent)
    stored = {str(pk): at for pk, at in Statement.objects.values_list("pk", "stored")}
    assert len(set(stored.values())) == 3  # separate requests, separate times
    middle = stored[second["id"]].isoformat()

    since = ids_of(lrs.get(since=middle).json()["statements"])
    until = ids_of(lrs.get(until=middle).json()["statements"])
    zulu = stored[second["id"]].isoformat().replace("+00:00", "Z")

    assert since == [third["id"]]
    assert until == [second["id"], first["id"]]
    assert ids_of(lrs.get(since=zulu).json()["statements"]) == [third["id"]]


def test_results_are_newest_first_unless_ascending(lrs):
    sent = [statement() for _ in range(3)]
    for one in sent:
        lrs.post(one)

    newest_first = ids_of(lrs.get().json()["statements"])
    oldest_first = ids_of(lrs.get(ascending="true").json()["statements"])

    assert newest_first == [s["id"] for s in reversed(sent)]
    assert oldest_first == [s["id"] for s in sent]


@pytest.mark.parametrize(
    "params",
    [
        {"agent": "{not json"},
        {"agent": '"mailto:bob@example.com"'},
        {"agent": json.dumps({"name": "No identifier"})},
        {"agent": json.dumps({"mbox": "bob@example.com"})},
        {"registration": "not-a-uuid"},
        {"since": "yesterday"},
        {"until": "2025-13-01T00:00:00Z"},
        {"limit": "-1"},
        {"limit": "ten"},
        {"format": "full"},
        {"unknown": "1"},
        {"statementIds": str(uuid.uuid4())},
    ],
)
def test_malformed_query_parameters_are_400(lrs, params):
    response = lrs.get(**params)

    assert response.status_code == 400
    assert response.json()["error"]


@pytest.mark.parametrize("name", ["ascending", "related_activities", "attachments"])
def test_boolean_parameters_must_be_true_or_false(lrs, name):
    lrs.post(statement())

    response = lrs.get(**{name: "yes"})

    assert response.status_code == 400
    assert name in response.json()["error"]
    assert "statements" not in response.json()


def test_tampered_or_garbage_more_token_is_400(lrs):
    lrs.post([statement(), statement(), statement()])
    first_page = lrs.get(limit=1).json()
    more = first_page["more"]
    token = more.split("more=", 1)[1]
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    for bad in (tampered, "garbage"):
        response = lrs.get(more=bad)
        assert response.status_code == 400
        assert "more" in response.json()["error"]
        assert "statements" not in response.json()
    following = lrs.get(more=token)
    assert following.status_code == 200
    [next_one] = following.json()["statements"]
    assert next_one["id"] not in ids_of(first_page["statements"])


def test_limit_caps_the_page_and_more_follows_on(lrs):
    lrs.post([statement() for _ in range(3)])

    body = lrs.get(limit=2).json()

    assert len(body["statements"]) == 2
    assert body["more"].startswith("/xapi/statements?")


def _three_batches(lrs, **kwargs) -> list[dict]:
    """Eight matching statements in batches (equal stored times) and noise."""
    batches = [
        [statement(**kwargs) for _ in range(4)],
        [statement(**kwargs)],
        [statement(**kwargs) for _ in range(3)],
    ]
    for batch in batches:
        assert lrs.post(batch).status_code == 200
        lrs.post(statement(verb=COMPLETED))  # does not match the filter
    return [one for batch in batches for one in batch]


@pytest.mark.parametrize("ascending", [False, True])
def test_more_links_return_every_match_once_in_stored_order(lrs, ascending):
    expected = _three_batches(lrs)
    params = {"verb": ANSWERED, "limit": "3"}
    if ascending:
        params["ascending"] = "true"

    seen, sizes = lrs.get_all(**params)

    got = ids_of(seen)
    assert len(got) == len(set(got)), "a statement came twice"
    assert set(got) == {s["id"] for s in expected}
    assert sizes == [3, 3, 2]
    stored = [datetime.fromisoformat(s["stored"]) for s in seen]
    assert stored == sorted(stored, reverse=not ascending)
    assert all(s["verb"]["id"] == ANSWERED for s in seen)


def test_more_links_with_a_page_of_one_and_equal_stored_times(lrs):
    batch = [statement() for _ in range(5)]
    lrs.post(batch)

    seen, sizes = lrs.get_all(limit="1")

    assert sorted(ids_of(seen)) == sorted(s["id"] for s in batch)
    assert sizes == [1, 1, 1, 1, 1]


def test_more_keeps_the_format(lrs):
    lrs.post([statement(), statement()])

    seen, _ = lrs.get_all(limit="1", format="ids")

    assert len(seen) == 2
    assert all(s["object"] == {"id": QUIZ} for s in seen)


def test_more_is_stable_when_statements_arrive_between_pages(lrs):
    first = _three_batches(lrs)
    response = lrs.get(verb=ANSWERED, limit="5")
    seen = ids_of(response.json()["statements"])
    lrs.post(statement())  # newer than everything: not in this descending walk

    rest = lrs.get(response.json()["more"]).json()

    assert set(seen + ids_of(rest["statements"])) == {s["id"] for s in first}


def test_get_statements_of_a_registration_through_more(lrs):
    registration = str(uuid.uuid4())
    expected = _three_batches(lrs, registration=registration)

    seen, _ = lrs.get_all(registration=registration, limit="2", ascending="true")

    assert sorted(ids_of(seen)) == sorted(s["id"] for s in expected)


# -- Formats -------------------------------------------------------------------------


def _rich_statement() -> dict:
    sent = statement(actor=ALICE)
    sent["context"] = {
        "instructor": copy.deepcopy(BOB),
        "team": {
            "objectType": "Group",
            "name": "Team A",
            "member": [copy.deepcopy(ALICE), copy.deepcopy(BOB)],
        },
        "contextActivities": {
            "parent": [{"id": COURSE, "definition": {"name": {"en-US": "Course"}}}]
        },
        "extensions": {
            "http://example.com/ext/labels": {
                "name": {"en-US": "kept", "fr-BE": "gardé"}
            }
        },
    }
    return sent


def test_format_ids_keeps_only_identifiers(lrs):
    sent = _rich_statement()
    lrs.post(sent)

    (got,) = lrs.get(format="ids").json()["statements"]

    assert got["actor"] == {"objectType": "Agent", "account": ALICE["account"]}
    assert got["verb"] == {"id": ANSWERED}
    assert got["object"] == {"id": QUIZ}
    assert "name" not in got["authority"]
    assert got["authority"]["account"] == client_authority(lrs.record)["account"]
    context = got["context"]
    assert context["instructor"] == {"objectType": "Agent", "mbox": BOB["mbox"]}
    assert all("name" not in member for member in context["team"]["member"])
    parents = context["contextActivities"]["parent"]
    assert parents == [{"id": COURSE}]
    assert context["extensions"] == sent["context"]["extensions"]


def test_format_ids_reduces_agent_objects_and_anonymous_groups(lrs):
    about_bob = statement()
    about_bob["object"] = copy.deepcopy(BOB)
    by_group = statement(
        actor={"objectType": "Group", "name": "Pair", "member": [ALICE, BOB]}
    )
    lrs.post([about_bob, by_group])

    got = {s["id"]: s for s in lrs.get(format="ids").json()["statements"]}

    assert got[about_bob["id"]]["object"] == {
        "objectType": "Agent",
        "mbox": BOB["mbox"],
    }
    assert got[by_group["id"]]["actor"] == {
        "objectType": "Group",
        "member": [
            {"objectType": "Agent", "account": ALICE["account"]},
            {"objectType": "Agent", "mbox": BOB["mbox"]},
        ],
    }


def test_format_ids_reduces_inside_a_substatement(lrs):
    sent = statement()
    sent["object"] = {
        "objectType": "SubStatement",
        "actor": copy.deepcopy(BOB),
        "verb": {"id": COMPLETED, "display": {"en-US": "will complete"}},
        "object": {"id": COURSE, "definition": {"name": {"en-US": "Course"}}},
    }
    lrs.post(sent)

    (got,) = lrs.get(format="ids").json()["statements"]

    sub = got["object"]
    assert sub["objectType"] == "SubStatement"
    assert sub["actor"] == {"objectType": "Agent", "mbox": BOB["mbox"]}
    assert sub["verb"] == {"id": COMPLETED}
    assert sub["object"] == {"id": COURSE}


def test_format_exact_returns_what_was_sent(lrs):
    sent = _rich_statement()
    lrs.post(sent)

    (got,) = lrs.get(format="exact").json()["statements"]

    significant = {k: v for k, v in got.items() if k not in ("stored", "authority")}
    assert significant == {**sent, "version": got["version"]}


def test_format_canonical_keeps_one_language_per_map(lrs):
    sent = _rich_statement()
    lrs.post(sent)

    (got,) = lrs.get(format="canonical").json()["statements"]

    assert len(got["verb"]["display"]) == 1
    definition = got["object"]["definition"]
    assert len(definition["name"]) == 1
    assert len(definition["description"]) == 1
    # Agents are returned as sent, extensions are not language maps.
    assert got["actor"] == ALICE
    assert got["context"]["instructor"] == BOB
    assert got["context"]["extensions"] == sent["context"]["extensions"]


def test_format_canonical_follows_accept_language(lrs):
    lrs.post(statement())

    french = lrs.get(
        format="canonical", headers={"HTTP_ACCEPT_LANGUAGE": "fr-BE, en;q=0.5"}
    ).json()["statements"][0]
    english = lrs.get(
        format="canonical", headers={"HTTP_ACCEPT_LANGUAGE": "en-US"}
    ).json()["statements"][0]

    assert french["verb"]["display"] == {"fr-BE": "a répondu"}
    assert french["object"]["definition"]["name"] == {"fr-BE": "Quiz 1 (fr)"}
    assert english["verb"]["display"] == {"en-US": "answered"}


def test_format_canonical_by_statement_id(lrs):
    sent = statement()
    lrs.post(sent)

    got = lrs.get(statementId=sent["id"], format="canonical").json()

    assert len(got["object"]["definition"]["name"]) == 1


# -- Methods -------------------------------------------------------------------------


def test_unsupported_method_is_405(lrs):
    sent = statement()
    lrs.post(sent)

    response = lrs.http.delete(URL, **lrs.headers)

    assert response.status_code == 405
    assert "DELETE" in response.json()["error"]
    assert response["X-Experience-API-Version"] == "1.0.3"
    assert stored_ids() == {sent["id"]}


def test_head_answers_like_get_without_a_body(lrs):
    lrs.post(statement())

    response = lrs.http.head(URL, **lrs.headers)

    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Experience-API-Consistent-Through"]


def test_statement_resource_responses_carry_consistent_through(lrs):
    posted = lrs.post(statement())
    refused = lrs.post("{not json")

    for response in (posted, refused):
        assert datetime.fromisoformat(response["X-Experience-API-Consistent-Through"])


def test_statement_without_version_is_stored_as_1_0_0(lrs):
    sent = statement()

    lrs.post(sent)

    assert lrs.get(statementId=sent["id"]).json()["version"] == "1.0.0"


def test_statement_keeps_the_version_it_was_sent_with(lrs):
    sent = statement(version="1.0.1")

    lrs.post(sent)

    assert lrs.get(statementId=sent["id"]).json()["version"] == "1.0.1"


def test_read_mine_client_still_sees_its_statements_after_a_rename(client):
    mine = Lrs(client, "app-a", [Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ_MINE])
    sent = statement()
    mine.post(sent)
    mine.record.name = "app-a (renamed)"
    mine.record.save()

    assert mine.get(statementId=sent["id"]).status_code == 200
    assert ids_of(mine.get().json()["statements"]) == [sent["id"]]
