"""Erasure: an agent's statements go, and the attachment data only they used."""

import hashlib
import uuid

import pytest

from xapi import services
from xapi.attachments import attachments_store
from xapi.models import Attachment, Statement, StatementAgent

pytestmark = pytest.mark.django_db

AUTHORITY = {
    "objectType": "Agent",
    "account": {"homePage": "https://x.be", "name": "t"},
}


def agent(name: str) -> dict:
    return {"account": {"homePage": "https://x.be", "name": name}}


def with_attachment(actor: dict, data: bytes) -> tuple[dict, dict]:
    sha2 = hashlib.sha256(data).hexdigest()
    statement = {
        "id": str(uuid.uuid4()),
        "actor": actor,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": "https://x.be/activities/essay"},
        "attachments": [
            {
                "usageType": "https://x.be/attachments/essay",
                "display": {"fr": "Rédaction"},
                "contentType": "text/plain",
                "length": len(data),
                "sha2": sha2,
            }
        ],
    }
    return statement, {sha2: ("text/plain", data)}


def store(statement: dict, parts: dict) -> None:
    attachments_store(parts=parts)
    services.statement_store(statement=statement, authority=AUTHORITY)


def test_forgetting_an_agent_erases_their_statements_and_private_attachments():
    jeanne, paul = agent("jeanne"), agent("paul")
    private, private_parts = with_attachment(jeanne, b"Ma lettre de motivation")
    shared_mine, shared_parts = with_attachment(jeanne, b"Consigne commune")
    shared_theirs, _ = with_attachment(paul, b"Consigne commune")
    for statement, parts in [
        (private, private_parts),
        (shared_mine, shared_parts),
        (shared_theirs, shared_parts),
    ]:
        store(statement, parts)

    erased = services.agent_forget(agent=jeanne)

    assert erased == 2
    assert list(Statement.objects.values_list("id", flat=True)) == [
        uuid.UUID(shared_theirs["id"])
    ]
    kept = [
        bytes(data) for data in Attachment.objects.values_list("content", flat=True)
    ]
    assert kept == [b"Consigne commune"]
    assert not StatementAgent.objects.filter(agent_key__contains="jeanne").exists()
