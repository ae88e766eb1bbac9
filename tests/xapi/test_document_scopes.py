"""Whose documents a client reaches on the State and Profile resources.

xAPI-Communication 4.2 limits the state and profile scopes to the actor of the
credentials; here, where clients are systems, to the client that stored the
document, unless it holds all (or all/read, to read).
"""

import json

import pytest

from tests.xapi.test_documents import (
    ACTIVITY_PROFILE,
    AGENT_PROFILE,
    ALICE,
    BOB,
    QUIZ,
    STATE,
    Lrs,
    quoted_sha1,
)
from xapi.documents import DocumentContext, document_put
from xapi.models import Document

pytestmark = pytest.mark.django_db

STORED = b'{"page": 3}'

# resource: (path, scope, the context's parameters, the document id parameter)
RESOURCES = {
    "state": (STATE, "state", {"activityId": QUIZ, "agent": ALICE}, "stateId"),
    "activity profile": (
        ACTIVITY_PROFILE,
        "profile",
        {"activityId": QUIZ},
        "profileId",
    ),
    "agent profile": (AGENT_PROFILE, "profile", {"agent": ALICE}, "profileId"),
}

# The scopes of each kind of client, given the resource's own scope.
KINDS = {
    "writer": lambda scope: [scope],
    "other": lambda scope: [scope, "statements/write"],
    "all": lambda scope: ["all"],
    "all/read": lambda scope: ["all/read"],
    "without scope": lambda scope: ["statements/write", "statements/read"],
}

# verb -> kind -> (status, what the stored document is afterwards: "kept",
# "changed" or "deleted"; for reads, whether the reply showed it: "shown", "hidden")
EXPECTED = {
    "GET": {
        "writer": (200, "shown"),
        "other": (404, "hidden"),
        "all": (200, "shown"),
        "all/read": (200, "shown"),
        "without scope": (403, "hidden"),
    },
    "GET ids": {
        "writer": (200, "shown"),
        "other": (200, "hidden"),
        "all": (200, "shown"),
        "all/read": (200, "shown"),
        "without scope": (403, "hidden"),
    },
    "PUT": {
        "writer": (204, "changed"),
        "other": (403, "kept"),
        "all": (204, "changed"),
        "all/read": (403, "kept"),
        "without scope": (403, "kept"),
    },
    "POST": {
        "writer": (204, "changed"),
        "other": (403, "kept"),
        "all": (204, "changed"),
        "all/read": (403, "kept"),
        "without scope": (403, "kept"),
    },
    "DELETE": {
        "writer": (204, "deleted"),
        "other": (403, "kept"),
        "all": (204, "deleted"),
        "all/read": (403, "kept"),
        "without scope": (403, "kept"),
    },
    # Only the State resource deletes a whole context; another client's
    # deletion succeeds on its own (none here) and leaves the writer's.
    "DELETE all": {
        "writer": (204, "deleted"),
        "other": (204, "kept"),
        "all": (204, "deleted"),
        "all/read": (403, "kept"),
        "without scope": (403, "kept"),
    },
}

CASES = [
    (resource, verb, kind)
    for resource in RESOURCES
    for verb in EXPECTED
    for kind in KINDS
    if verb != "DELETE all" or resource == "state"
]


def stored_document() -> Document | None:
    return Document.objects.filter(document_id="d1").first()


@pytest.mark.parametrize(("resource", "verb", "kind"), CASES)
def test_document_access_matrix(client, resource, verb, kind):
    path, scope, context, id_param = RESOURCES[resource]
    writer = Lrs(client, scopes=KINDS["writer"](scope))
    single = {**context, id_param: "d1"}
    assert writer.put(path, single, STORED).status_code == 204
    caller = writer if kind == "writer" else Lrs(client, scopes=KINDS[kind](scope))
    # The current ETag: the profiles refuse a PUT over a document without one.
    if_match = {"HTTP_IF_MATCH": quoted_sha1(STORED)}

    if verb == "GET":
        response = caller.get(path, single)
        shown = response.content == STORED
    elif verb == "GET ids":
        response = caller.get(path, context)
        shown = response.status_code == 200 and json.loads(response.content) == ["d1"]
    elif verb == "PUT":
        response = caller.put(path, single, b'{"page": 9}', **if_match)
    elif verb == "POST":
        response = caller.post(path, single, b'{"page": 9}', **if_match)
    elif verb == "DELETE":
        response = caller.delete(path, single)
    else:
        response = caller.delete(path, context)

    status, effect = EXPECTED[verb][kind]
    assert response.status_code == status
    document = stored_document()
    if effect in ("shown", "hidden"):
        assert shown == (effect == "shown")
        assert bytes(document.content) == STORED
    elif effect == "kept":
        assert bytes(document.content) == STORED
    elif effect == "changed":
        assert json.loads(bytes(document.content)) == {"page": 9}
        # Changing it does not take it from the client that stored it.
        assert document.owner_id == writer.client.pk
    else:
        assert document is None


def test_the_reported_case_another_client_cannot_read_or_delete_a_state(client):
    writer = Lrs(client, scopes=["state"])
    other = Lrs(client, scopes=["state"])
    bob_state = {"activityId": QUIZ, "agent": BOB, "stateId": "bookmark"}
    writer.put(STATE, bob_state, b"secret progress", content_type="text/plain")

    read = other.get(STATE, bob_state)
    listed = other.get(STATE, {"activityId": QUIZ, "agent": BOB})
    deleted = other.delete(STATE, bob_state)
    cleared = other.delete(STATE, {"activityId": QUIZ, "agent": BOB})

    assert read.status_code == 404
    assert json.loads(listed.content) == []
    assert (deleted.status_code, cleared.status_code) == (403, 204)
    assert bytes(stored_bookmark().content) == b"secret progress"


def stored_bookmark() -> Document:
    return Document.objects.get(document_id="bookmark")


def test_two_clients_share_a_context_each_seeing_its_own(client):
    first = Lrs(client, scopes=["state"])
    second = Lrs(client, scopes=["state"])
    context = {"activityId": QUIZ, "agent": ALICE}
    first.put(STATE, {**context, "stateId": "a"}, {"v": 1})
    second.put(STATE, {**context, "stateId": "b"}, {"v": 2})

    first_ids = json.loads(first.get(STATE, context).content)
    second_clears = second.delete(STATE, context)

    assert first_ids == ["a"]
    assert second_clears.status_code == 204
    assert list(Document.objects.values_list("document_id", flat=True)) == ["a"]


def test_a_document_without_owner_is_reached_only_with_all(client):
    # Stored by the platform, or before owners were recorded.
    document_put(
        context=DocumentContext(kind="state", activity_id=QUIZ, agent=ALICE),
        document_id="old",
        content=b"x",
        content_type="text/plain",
    )
    params = {"activityId": QUIZ, "agent": ALICE, "stateId": "old"}

    mine_only = Lrs(client, scopes=["state"])
    everything = Lrs(client, scopes=["all"])

    assert mine_only.get(STATE, params).status_code == 404
    assert (
        mine_only.put(STATE, params, b"y", content_type="text/plain").status_code == 403
    )
    assert everything.get(STATE, params).content == b"x"


def test_a_head_request_of_another_clients_document_is_404(client):
    writer = Lrs(client, scopes=["profile"])
    other = Lrs(client, scopes=["profile"])
    params = {"agent": ALICE, "profileId": "p"}
    writer.put(AGENT_PROFILE, params, {"v": 1})

    response = other.call("HEAD", AGENT_PROFILE, params)

    assert response.status_code == 404
    # Not even the document's fingerprint or date tells another client it exists.
    assert "ETag" not in response
    assert "Last-Modified" not in response
    assert writer.call("HEAD", AGENT_PROFILE, params)["ETag"]
