"""The Document resources (State, Activity and Agent Profile), Activities and Agents.

Section numbers refer to xAPI-Communication.md of xAPI 1.0.3.
"""

import base64
import hashlib
import json
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import pytest
from django.db import IntegrityError
from django.utils import timezone

from xapi import services
from xapi.clients import client_authority, client_create
from xapi.documents import documents_forget
from xapi.models import Document

pytestmark = pytest.mark.django_db

STATE = "/xapi/activities/state"
ACTIVITY_PROFILE = "/xapi/activities/profile"
AGENT_PROFILE = "/xapi/agents/profile"
ACTIVITIES = "/xapi/activities"
AGENTS = "/xapi/agents"
QUIZ = "http://example.com/xapi/activities/quiz-1"
ALICE = {"objectType": "Agent", "mbox": "mailto:alice@example.com"}
BOB = {"objectType": "Agent", "mbox": "mailto:bob@example.com"}
REGISTRATION = "ec531277-b57b-4c15-8d91-d292c5b2b8f7"
OTHER_REGISTRATION = "a3bd4e37-4c2f-4f3a-9a2e-2c9a0b1f6f11"
ALL_DOCUMENT_SCOPES = ["state", "profile", "statements/read", "statements/write"]


class Lrs:
    """An LRS client talking to the API through Django's test client."""

    def __init__(self, http, *, scopes: list[str]):
        self.http = http
        self.client, secret = client_create(name=f"c-{uuid.uuid4()}", scopes=scopes)
        credentials = f"{self.client.key}:{secret}".encode()
        self.headers = {
            "HTTP_AUTHORIZATION": "Basic " + base64.b64encode(credentials).decode(),
            "HTTP_X_EXPERIENCE_API_VERSION": "1.0.3",
        }

    def call(
        self,
        method: str,
        path: str,
        params: dict,
        body: bytes | str | dict = b"",
        content_type: str = "application/json",
        **headers,
    ):
        """Send a request; dict parameters and bodies are sent as JSON."""
        query = urlencode(
            {k: json.dumps(v) if isinstance(v, dict) else v for k, v in params.items()}
        )
        if isinstance(body, dict | list):
            body = json.dumps(body)
        return self.http.generic(
            method,
            f"{path}?{query}",
            data=body,
            content_type=content_type,
            **{**self.headers, **headers},
        )

    def get(self, path: str, params: dict, **headers):
        return self.call("GET", path, params, **headers)

    def put(self, path: str, params: dict, body, **kwargs):
        return self.call("PUT", path, params, body, **kwargs)

    def post(self, path: str, params: dict, body, **kwargs):
        return self.call("POST", path, params, body, **kwargs)

    def delete(self, path: str, params: dict, **headers):
        return self.call("DELETE", path, params, **headers)


@pytest.fixture
def lrs(client):
    return Lrs(client, scopes=ALL_DOCUMENT_SCOPES)


def state_params(state_id: str | None = "bookmark", **extra) -> dict:
    params = {"activityId": QUIZ, "agent": ALICE, **extra}
    if state_id is not None:
        params["stateId"] = state_id
    return params


def quoted_sha1(content: bytes) -> str:
    return f'"{hashlib.sha1(content).hexdigest()}"'


# -- State resource (2.3) -----------------------------------------------------------


def test_state_put_then_get_returns_the_bytes_with_type_etag_and_last_modified(lrs):
    content = b"\x00\x01binary \xff state"

    put = lrs.put(STATE, state_params(), content, content_type="image/x-custom")
    got = lrs.get(STATE, state_params())

    assert put.status_code == 204
    assert got.status_code == 200
    assert got.content == content
    assert got["Content-Type"] == "image/x-custom"
    assert got["ETag"] == quoted_sha1(content)  # 3.1.s4.b2, b4
    assert got["Last-Modified"].endswith("GMT")
    assert got["X-Experience-API-Version"] == "1.0.3"


def test_state_put_replaces_without_concurrency_headers(lrs):
    lrs.put(STATE, state_params(), {"page": 1})

    again = lrs.put(STATE, state_params(), {"chapter": 2})

    assert again.status_code == 204  # 3.1.s3: State needs no headers
    assert lrs.get(STATE, state_params()).json() == {"chapter": 2}


def test_state_get_of_unknown_document_is_404(lrs):
    lrs.put(STATE, state_params(), {"page": 1})

    response = lrs.get(STATE, state_params("nothing"))

    assert response.status_code == 404
    assert response.json()["error"]
    assert "ETag" not in response
    assert "page" not in response.json()


def test_head_answers_like_get_without_body(lrs):
    lrs.put(STATE, state_params(), {"page": 1})

    head = lrs.call("HEAD", STATE, state_params())

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == lrs.get(STATE, state_params())["ETag"]


def test_post_merges_top_level_properties_of_json_objects(lrs):
    lrs.put(STATE, state_params(), {"x": "foo", "y": "bar", "o": {"a": 1}})

    posted = lrs.post(STATE, state_params(), {"x": "bash", "z": "faz", "o": {"b": 2}})

    assert posted.status_code == 204
    merged = lrs.get(STATE, state_params())
    # 2.2.s7: top-level properties only; a posted object replaces the stored one.
    assert merged.json() == {"x": "bash", "y": "bar", "z": "faz", "o": {"b": 2}}
    assert merged["ETag"] == quoted_sha1(merged.content)


def test_post_of_a_new_document_stores_it(lrs):
    posted = lrs.post(STATE, state_params(), {"x": 1})

    assert posted.status_code == 204
    assert lrs.get(STATE, state_params()).json() == {"x": 1}


@pytest.mark.parametrize(
    ("stored", "stored_type", "posted", "posted_type"),
    [
        ({"x": 1}, "application/json", b"plain text", "text/plain"),
        (b"plain text", "text/plain", {"x": 1}, "application/json"),
        ([1, 2], "application/json", {"x": 1}, "application/json"),
        ({"x": 1}, "application/json", [1, 2], "application/json"),
        ({"x": 1}, "application/json", "3", "application/json"),
    ],
)
def test_post_that_cannot_merge_is_400_and_changes_nothing(
    lrs, stored, stored_type, posted, posted_type
):
    lrs.put(STATE, state_params(), stored, content_type=stored_type)
    before = lrs.get(STATE, state_params()).content

    response = lrs.post(STATE, state_params(), posted, content_type=posted_type)

    assert response.status_code == 400  # 2.2.s8.b1
    assert lrs.get(STATE, state_params()).content == before


def test_post_merges_json_declared_with_a_charset(lrs):
    lrs.put(STATE, state_params(), {"x": 1}, content_type="application/json")

    lrs.post(
        STATE, state_params(), {"y": 2}, content_type="application/json; charset=utf-8"
    )

    assert lrs.get(STATE, state_params()).json() == {"x": 1, "y": 2}


def test_put_of_json_that_is_not_json_is_400(lrs):
    response = lrs.put(
        STATE, state_params(), b"{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert lrs.get(STATE, state_params()).status_code == 404


def test_state_is_scoped_by_registration(lrs):
    lrs.put(STATE, state_params(registration=REGISTRATION), {"in": "registration"})
    lrs.put(STATE, state_params(), {"in": "none"})
    lrs.put(STATE, state_params("other", registration=OTHER_REGISTRATION), {"o": 1})

    with_registration = lrs.get(STATE, state_params(registration=REGISTRATION))
    without = lrs.get(STATE, state_params())
    unknown = lrs.get(STATE, state_params("other"))

    assert with_registration.json() == {"in": "registration"}
    assert without.json() == {"in": "none"}
    assert unknown.status_code == 404
    listed = lrs.get(STATE, state_params(None, registration=OTHER_REGISTRATION))
    assert listed.json() == ["other"]
    # Without a registration the context is Activity + Agent: every registration.
    assert sorted(lrs.get(STATE, state_params(None)).json()) == ["bookmark", "other"]


def test_state_is_scoped_by_agent_and_activity(lrs):
    lrs.put(STATE, state_params(), {"alice": True})

    assert lrs.get(STATE, state_params(agent=BOB)).status_code == 404
    other_activity = state_params(activityId="http://example.com/other")
    assert lrs.get(STATE, other_activity).status_code == 404
    assert lrs.get(STATE, state_params(None, agent=BOB)).json() == []
    assert lrs.get(STATE, state_params()).json() == {"alice": True}


def test_state_ids_listing_with_since_and_last_modified(lrs):
    lrs.put(STATE, state_params("old"), {"a": 1})
    long_ago = timezone.now() - timedelta(days=2)
    Document.objects.filter(document_id="old").update(updated=long_ago)
    lrs.put(STATE, state_params("new"), {"b": 1})
    yesterday = (timezone.now() - timedelta(days=1)).isoformat()

    every = lrs.get(STATE, state_params(None))
    recent = lrs.get(STATE, state_params(None, since=yesterday))

    assert sorted(every.json()) == ["new", "old"]
    assert recent.json() == ["new"]
    assert recent["ETag"] == quoted_sha1(recent.content)
    newest = Document.objects.get(document_id="new").updated
    assert every["Last-Modified"] == newest.strftime("%a, %d %b %Y %H:%M:%S GMT")


def test_state_ids_listing_accepts_z_suffix(lrs):
    lrs.put(STATE, state_params(), {"a": 1})

    response = lrs.get(STATE, state_params(None, since="2000-01-01T00:00:00Z"))

    assert response.json() == ["bookmark"]


def test_state_delete_one_document(lrs):
    lrs.put(STATE, state_params("a"), {"a": 1})
    lrs.put(STATE, state_params("b"), {"b": 1})

    response = lrs.delete(STATE, state_params("a"))

    assert response.status_code == 204
    assert lrs.get(STATE, state_params(None)).json() == ["b"]
    assert lrs.delete(STATE, state_params("a")).status_code == 204  # idempotent


def test_state_delete_without_state_id_clears_the_context(lrs):
    lrs.put(STATE, state_params("a", registration=REGISTRATION), {"a": 1})
    lrs.put(STATE, state_params("b", registration=OTHER_REGISTRATION), {"b": 1})
    lrs.put(STATE, state_params("c"), {"c": 1})
    lrs.put(STATE, state_params("bob", agent=BOB), {"bob": 1})

    one_registration = lrs.delete(STATE, state_params(None, registration=REGISTRATION))
    remaining = sorted(lrs.get(STATE, state_params(None)).json())
    every = lrs.delete(STATE, state_params(None))

    assert one_registration.status_code == 204
    assert remaining == ["b", "c"]
    assert every.status_code == 204
    assert lrs.get(STATE, state_params(None)).json() == []
    assert lrs.get(STATE, state_params(None, agent=BOB)).json() == ["bob"]


# -- Concurrency (3.1) --------------------------------------------------------------


def test_put_with_stale_if_match_is_412_and_changes_nothing(lrs):
    lrs.put(STATE, state_params(), {"v": 1})

    response = lrs.put(STATE, state_params(), {"v": 2}, HTTP_IF_MATCH='"0123abcd"')

    assert response.status_code == 412
    assert lrs.get(STATE, state_params()).json() == {"v": 1}


def test_put_with_current_if_match_succeeds(lrs):
    lrs.put(STATE, state_params(), {"v": 1})
    etag = lrs.get(STATE, state_params())["ETag"]

    response = lrs.put(STATE, state_params(), {"v": 2}, HTTP_IF_MATCH=etag)

    assert response.status_code == 204
    assert lrs.get(STATE, state_params()).json() == {"v": 2}


def test_if_match_on_a_missing_document_is_412(lrs):
    response = lrs.put(STATE, state_params(), {"v": 1}, HTTP_IF_MATCH="*")

    assert response.status_code == 412
    assert lrs.get(STATE, state_params()).status_code == 404


def test_if_none_match_star_refuses_an_existing_document(lrs):
    first = lrs.put(STATE, state_params(), {"v": 1}, HTTP_IF_NONE_MATCH="*")

    second = lrs.put(STATE, state_params(), {"v": 2}, HTTP_IF_NONE_MATCH="*")

    assert first.status_code == 204
    assert second.status_code == 412
    assert lrs.get(STATE, state_params()).json() == {"v": 1}


def test_profile_put_over_an_existing_document_without_headers_is_409(lrs):
    params = {"activityId": QUIZ, "profileId": "settings"}
    lrs.put(ACTIVITY_PROFILE, params, {"v": 1})

    response = lrs.put(ACTIVITY_PROFILE, params, {"v": 2})

    assert response.status_code == 409  # 3.1.s4.b13-b15
    assert "If-Match" in response.json()["error"]
    assert lrs.get(ACTIVITY_PROFILE, params).json() == {"v": 1}


def test_profile_put_of_a_new_document_without_headers_is_allowed(lrs):
    params = {"agent": ALICE, "profileId": "prefs"}

    response = lrs.put(AGENT_PROFILE, params, {"v": 1})

    assert response.status_code == 204
    stored = lrs.get(AGENT_PROFILE, params)
    assert stored.json() == {"v": 1}
    assert stored["ETag"] == quoted_sha1(stored.content)


def test_post_and_delete_honour_if_match(lrs):
    params = {"activityId": QUIZ, "profileId": "settings"}
    lrs.put(ACTIVITY_PROFILE, params, {"v": 1})
    etag = lrs.get(ACTIVITY_PROFILE, params)["ETag"]

    stale_post = lrs.post(ACTIVITY_PROFILE, params, {"w": 1}, HTTP_IF_MATCH='"bad"')
    stale_delete = lrs.delete(ACTIVITY_PROFILE, params, HTTP_IF_MATCH='"bad"')
    untouched = lrs.get(ACTIVITY_PROFILE, params)
    post = lrs.post(ACTIVITY_PROFILE, params, {"w": 1}, HTTP_IF_MATCH=etag)
    merged = lrs.get(ACTIVITY_PROFILE, params)
    delete = lrs.delete(ACTIVITY_PROFILE, params, HTTP_IF_MATCH=merged["ETag"])

    assert (stale_post.status_code, stale_delete.status_code) == (412, 412)
    assert (untouched.json(), untouched["ETag"]) == ({"v": 1}, etag)
    assert (post.status_code, delete.status_code) == (204, 204)
    assert merged.json() == {"v": 1, "w": 1}
    assert merged["ETag"] != etag
    assert lrs.get(ACTIVITY_PROFILE, params).status_code == 404


def test_post_with_if_none_match_star_on_existing_document_is_412(lrs):
    params = {"activityId": QUIZ, "profileId": "settings"}
    lrs.put(ACTIVITY_PROFILE, params, {"v": 1})

    response = lrs.post(ACTIVITY_PROFILE, params, {"w": 1}, HTTP_IF_NONE_MATCH="*")

    assert response.status_code == 412
    assert lrs.get(ACTIVITY_PROFILE, params).json() == {"v": 1}


# -- Activity Profile (2.7) and Agent Profile (2.6) ---------------------------------


def test_activity_profile_round_trip_and_listing(lrs):
    lrs.put(ACTIVITY_PROFILE, {"activityId": QUIZ, "profileId": "a"}, {"a": 1})
    lrs.put(
        ACTIVITY_PROFILE,
        {"activityId": QUIZ, "profileId": "b"},
        b"text",
        content_type="text/plain",
    )

    listed = lrs.get(ACTIVITY_PROFILE, {"activityId": QUIZ})
    text = lrs.get(ACTIVITY_PROFILE, {"activityId": QUIZ, "profileId": "b"})
    deleted = lrs.delete(ACTIVITY_PROFILE, {"activityId": QUIZ, "profileId": "a"})

    assert sorted(listed.json()) == ["a", "b"]
    assert text.content == b"text"
    assert text["Content-Type"] == "text/plain"
    assert deleted.status_code == 204
    assert lrs.get(ACTIVITY_PROFILE, {"activityId": QUIZ}).json() == ["b"]


def test_agent_profile_round_trip_merge_and_listing(lrs):
    params = {"agent": ALICE, "profileId": "prefs"}
    lrs.put(AGENT_PROFILE, params, {"lang": "fr"})

    lrs.post(AGENT_PROFILE, params, {"theme": "dark"})

    assert lrs.get(AGENT_PROFILE, params).json() == {"lang": "fr", "theme": "dark"}
    assert lrs.get(AGENT_PROFILE, {"agent": ALICE}).json() == ["prefs"]
    assert lrs.get(AGENT_PROFILE, {"agent": BOB}).json() == []
    assert lrs.delete(AGENT_PROFILE, params).status_code == 204
    assert lrs.get(AGENT_PROFILE, params).status_code == 404


def test_agent_is_matched_by_its_identifier_not_its_name(lrs):
    lrs.put(AGENT_PROFILE, {"agent": ALICE, "profileId": "p"}, {"v": 1})

    renamed = {**ALICE, "name": "Alice B.", "mbox": "mailto:ALICE@example.com"}

    assert lrs.get(AGENT_PROFILE, {"agent": renamed, "profileId": "p"}).json() == {
        "v": 1
    }


@pytest.mark.parametrize("path", [ACTIVITY_PROFILE, AGENT_PROFILE])
def test_profile_delete_without_profile_id_is_400(lrs, path):
    params = {"activityId": QUIZ} if path == ACTIVITY_PROFILE else {"agent": ALICE}

    response = lrs.delete(path, params)

    assert response.status_code == 400
    assert "profileId" in response.json()["error"]


# -- parameters (3.2.s3) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "params", "named"),
    [
        ("GET", STATE, {"agent": ALICE, "stateId": "s"}, "activityId"),
        ("GET", STATE, {"activityId": QUIZ, "stateId": "s"}, "agent"),
        ("GET", STATE, {"activityId": "not an iri", "agent": ALICE}, "activityId"),
        ("GET", STATE, state_params(agent="{not json"), "agent"),
        ("GET", STATE, state_params(agent={"name": "No IFI"}), "agent"),
        ("GET", STATE, state_params(agent={"mbox": "alice@x.org"}), "agent.mbox"),
        (
            "GET",
            STATE,
            state_params(agent={"objectType": "Group", "member": [ALICE]}),
            "agent",
        ),
        ("GET", STATE, state_params(registration="not-a-uuid"), "registration"),
        ("GET", STATE, state_params(None, since="yesterday"), "since"),
        ("GET", STATE, state_params(None, since="2025-01-01T00:00:00"), "since"),
        ("GET", STATE, state_params(since="2025-01-01T00:00:00Z"), "since"),
        ("GET", STATE, state_params(activityid=QUIZ), "activityId"),
        ("GET", STATE, state_params(colour="blue"), "colour"),
        ("PUT", STATE, state_params(None), "stateId"),
        ("POST", STATE, state_params(None), "stateId"),
        ("PUT", STATE, state_params(""), "stateId"),
        ("GET", ACTIVITY_PROFILE, {"profileId": "p"}, "activityId"),
        ("PUT", ACTIVITY_PROFILE, {"activityId": QUIZ}, "profileId"),
        ("GET", ACTIVITY_PROFILE, {"activityId": QUIZ, "agent": ALICE}, "agent"),
        ("GET", AGENT_PROFILE, {"profileId": "p"}, "agent"),
        ("GET", AGENT_PROFILE, {"agent": ALICE, "since": "soon"}, "since"),
        ("GET", ACTIVITIES, {}, "activityId"),
        ("GET", AGENTS, {}, "agent"),
        (
            "GET",
            AGENTS,
            {"agent": {"objectType": "Group", "mbox": "mailto:g@x.org"}},
            "agent",
        ),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(lrs, method, path, params, named):
    response = lrs.call(method, path, params, {"v": 1})

    assert response.status_code == 400
    assert named in response.json()["error"]


def test_a_document_over_the_size_limit_is_413(lrs, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10

    response = lrs.put(STATE, state_params(), b"x" * 11, content_type="text/plain")

    assert response.status_code == 413
    assert response.json()["error"]
    assert not Document.objects.exists()


# -- authorization (4.2) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("scopes", "path", "params"),
    [
        (["statements/write"], STATE, state_params()),
        (["profile"], STATE, state_params()),
        (["state"], ACTIVITY_PROFILE, {"activityId": QUIZ, "profileId": "p"}),
        (["state"], AGENT_PROFILE, {"agent": ALICE, "profileId": "p"}),
        (["state", "profile"], ACTIVITIES, {"activityId": QUIZ}),
        (["state", "profile"], AGENTS, {"agent": ALICE}),
    ],
)
def test_a_client_without_the_scope_is_403(client, scopes, path, params):
    lrs = Lrs(client, scopes=scopes)

    response = lrs.get(path, params)
    written = lrs.put(path, params, {"v": 1})

    assert response.status_code == 403
    assert "scopes" in response.json()["error"]
    assert written.status_code in (403, 405)  # Activities and Agents are read-only
    assert not Document.objects.exists()


def test_scope_all_grants_every_document_resource(client):
    lrs = Lrs(client, scopes=["all"])

    profile_params = {"agent": ALICE, "profileId": "p"}

    state = lrs.put(STATE, state_params(), {"v": 1})
    profile = lrs.put(AGENT_PROFILE, profile_params, {"v": 1})
    activity = lrs.put(ACTIVITY_PROFILE, {"activityId": QUIZ, "profileId": "p"}, "2")

    assert (state.status_code, profile.status_code) == (204, 204)
    assert activity.status_code == 204
    assert lrs.get(STATE, state_params()).json() == {"v": 1}
    assert lrs.get(AGENT_PROFILE, profile_params).json() == {"v": 1}
    assert lrs.get(ACTIVITY_PROFILE, {"activityId": QUIZ}).json() == ["p"]
    assert Document.objects.filter(owner=lrs.client).count() == 3


def test_missing_credentials_or_version_are_refused(client, lrs):
    anonymous = client.get(
        STATE, {"activityId": QUIZ}, HTTP_X_EXPERIENCE_API_VERSION="1.0.3"
    )
    no_version = client.get(
        STATE,
        {"activityId": QUIZ},
        HTTP_AUTHORIZATION=lrs.headers["HTTP_AUTHORIZATION"],
    )

    assert anonymous.status_code == 401
    assert "credentials" in anonymous.json()["error"]
    assert no_version.status_code == 400
    assert "X-Experience-API-Version" in no_version.json()["error"]


def test_unsupported_method_is_405(lrs):
    response = lrs.put(ACTIVITIES, {"activityId": QUIZ}, {"v": 1})

    assert response.status_code == 405
    assert "PUT" in response.json()["error"]
    assert not Document.objects.exists()


# -- Activities resource (2.5) ------------------------------------------------------


def store_statement(lrs: Lrs, *, actor: dict, definition: dict | None = None) -> None:
    activity: dict = {"objectType": "Activity", "id": QUIZ}
    if definition is not None:
        activity["definition"] = definition
    services.statement_store(
        statement={
            "actor": actor,
            "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
            "object": activity,
        },
        authority=client_authority(lrs.client),
    )


def test_activities_returns_the_latest_name_in_each_language(lrs):
    store_statement(lrs, actor=ALICE, definition={"name": {"en-US": "Quiz v1"}})
    store_statement(lrs, actor=ALICE, definition={"name": {"en-US": "Quiz v2"}})
    store_statement(lrs, actor=BOB)  # no definition: does not erase it

    response = lrs.get(ACTIVITIES, {"activityId": QUIZ})

    assert response.status_code == 200
    assert response.json() == {
        "objectType": "Activity",
        "id": QUIZ,
        "definition": {"name": {"en-US": "Quiz v2"}},
    }
    assert response["ETag"] == quoted_sha1(response.content)


def test_activities_merges_the_definitions_language_by_language(lrs):
    """Data 2.4.4.1: one canonical definition, updated by each statement; a
    language map keeps the languages an older statement gave it."""
    store_statement(
        lrs,
        actor=ALICE,
        definition={
            "name": {"fr-BE": "Quiz 1", "en-US": "Quiz one"},
            "description": {"fr-BE": "Le premier quiz"},
            "type": "http://adlnet.gov/expapi/activities/assessment",
        },
    )
    store_statement(
        lrs,
        actor=BOB,
        definition={
            "name": {"en-US": "Quiz 1", "de-DE": "Quiz 1 (de)"},
            "moreInfo": "https://example.com/quiz-1",
        },
    )

    definition = lrs.get(ACTIVITIES, {"activityId": QUIZ}).json()["definition"]

    assert definition == {
        "name": {"fr-BE": "Quiz 1", "en-US": "Quiz 1", "de-DE": "Quiz 1 (de)"},
        "description": {"fr-BE": "Le premier quiz"},
        "type": "http://adlnet.gov/expapi/activities/assessment",
        "moreInfo": "https://example.com/quiz-1",
    }


def test_activities_returns_a_bare_activity_when_unknown(lrs):
    response = lrs.get(ACTIVITIES, {"activityId": "http://example.com/unknown"})

    # 2.5.s2.b1: SHOULD* still return an Activity Object.
    assert response.status_code == 200
    assert response.json() == {
        "objectType": "Activity",
        "id": "http://example.com/unknown",
    }


def test_activities_for_a_read_mine_client_uses_its_own_statements(client, lrs):
    mine = Lrs(client, scopes=["statements/read/mine", "statements/write"])
    store_statement(mine, actor=ALICE, definition={"name": {"en-US": "Mine"}})
    store_statement(lrs, actor=ALICE, definition={"name": {"en-US": "Theirs"}})

    response = mine.get(ACTIVITIES, {"activityId": QUIZ})

    assert response.json()["definition"] == {"name": {"en-US": "Mine"}}


# -- Agents resource (2.4) ----------------------------------------------------------


def test_agents_returns_a_person_with_the_names_seen(lrs):
    store_statement(lrs, actor={**ALICE, "name": "Alice"})
    store_statement(lrs, actor={**ALICE, "name": "Alice Martin"})
    store_statement(lrs, actor={**BOB, "name": "Bob"})

    response = lrs.get(AGENTS, {"agent": ALICE})

    assert response.status_code == 200
    person = response.json()
    assert person["objectType"] == "Person"
    assert sorted(person["name"]) == ["Alice", "Alice Martin"]
    assert person["mbox"] == [ALICE["mbox"]]
    assert set(person) == {"objectType", "name", "mbox"}
    assert response["ETag"] == quoted_sha1(response.content)


def test_agents_for_an_unknown_agent_echoes_the_request(lrs):
    agent = {
        "objectType": "Agent",
        "name": "Carol",
        "account": {"homePage": "https://x.example", "name": "carol"},
    }

    person = lrs.get(AGENTS, {"agent": agent}).json()

    # 2.4.s3.b3: still a Person, with what the request said.
    assert person == {
        "objectType": "Person",
        "name": ["Carol"],
        "account": [{"homePage": "https://x.example", "name": "carol"}],
    }


# -- storage and erasure ------------------------------------------------------------


def test_uniqueness_holds_without_registration():
    fields = {
        "kind": Document.Kind.STATE,
        "activity_id": QUIZ,
        "agent_key": "mbox|mailto:alice@example.com",
        "registration": None,
        "document_id": "s",
        "content": b"{}",
        "content_type": "application/json",
        "etag": "x",
        "updated": datetime(2025, 1, 1, tzinfo=UTC),
    }
    Document.objects.create(**fields)
    Document.objects.create(**{**fields, "registration": uuid.UUID(REGISTRATION)})

    with pytest.raises(IntegrityError):
        Document.objects.create(**fields)


def test_documents_forget_erases_state_and_agent_profiles_of_the_agent(lrs):
    lrs.put(STATE, state_params("a"), {"a": 1})
    lrs.put(STATE, state_params("b", registration=REGISTRATION), {"b": 1})
    lrs.put(AGENT_PROFILE, {"agent": ALICE, "profileId": "p"}, {"p": 1})
    lrs.put(ACTIVITY_PROFILE, {"activityId": QUIZ, "profileId": "p"}, {"p": 1})
    lrs.put(STATE, state_params("bob", agent=BOB), {"bob": 1})

    erased = documents_forget(agent={"name": "Alice", "mbox": ALICE["mbox"]})

    assert erased == 3
    remaining = Document.objects.values_list("kind", "document_id")
    assert sorted(remaining) == [("activity_profile", "p"), ("state", "bob")]


def test_all_read_scope_reads_state_but_cannot_write_it(client):
    from xapi.clients import client_create

    writer, writer_secret = client_create(name="writer", scopes=["state"])
    reader, reader_secret = client_create(name="reader", scopes=["all/read"])
    params = {
        "activityId": "https://x.be/a",
        "agent": '{"mbox": "mailto:a@x.be"}',
        "stateId": "bookmark",
    }

    def headers(key, secret):
        token = base64.b64encode(f"{key}:{secret}".encode()).decode()
        return {
            "HTTP_AUTHORIZATION": f"Basic {token}",
            "HTTP_X_EXPERIENCE_API_VERSION": "1.0.3",
        }

    url = "/xapi/activities/state?" + urlencode(params)
    client.put(
        url, b"page 3", content_type="text/plain", **headers(writer.key, writer_secret)
    )

    read = client.get(url, **headers(reader.key, reader_secret))
    write = client.put(
        url, b"page 9", content_type="text/plain", **headers(reader.key, reader_secret)
    )

    assert read.content == b"page 3"
    assert write.status_code == 403
