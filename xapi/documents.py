"""Documents of the State, Activity Profile and Agent Profile resources.

Also the reads behind the Activities and Agents resources, which derive their
answers from stored statements. Concurrency follows xAPI-Communication 3.1 and
the POST merge follows 2.2 (JSON Procedure).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from xapi import versions
from xapi.agents import agent_key
from xapi.clients import client_can
from xapi.inputs import InputInvalid, json_parse
from xapi.models import Document, LRSClient, Scope, Statement

JSON = "application/json"
IFI_KEYS = ("mbox", "mbox_sha1sum", "openid", "account")
# A Person's names come from this many of the agent's latest statements at most.
PERSON_NAMES_SCAN = 1000


class DocumentError(Exception):
    """A document request the LRS refuses; ``code`` is stable, ``status`` is HTTP."""

    code = "document_error"
    status = 400

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class DocumentInvalid(DocumentError):
    """A body that contradicts its Content-Type (e.g. application/json, not JSON)."""

    code = "document_invalid"


class DocumentNotMergeable(DocumentError):
    """A POST where the posted or the stored document is not a JSON object."""

    code = "document_not_mergeable"


class DocumentPreconditionFailed(DocumentError):
    """An If-Match or If-None-Match header that does not hold."""

    code = "document_precondition_failed"
    status = 412


class DocumentForbidden(DocumentError):
    """A write to a document that another client stored."""

    code = "document_forbidden"
    status = 403


class DocumentConflict(DocumentError):
    """A PUT over an existing profile document without any concurrency header."""

    code = "document_conflict"
    status = 409


@dataclass(frozen=True)
class DocumentContext:
    """Where documents live: their kind and the activity, agent, registration."""

    kind: str
    activity_id: str = ""
    agent: dict | None = None
    registration: UUID | None = None

    def lookup(self) -> dict:
        """Filter kwargs selecting exactly this context (NULL registration too)."""
        return {
            "kind": self.kind,
            "activity_id": self.activity_id,
            "agent_key": agent_key(self.agent) if self.agent else "",
            "registration": self.registration,
        }

    def lookup_any_registration(self) -> dict:
        """Filter kwargs for listing: without a registration, all of them match."""
        lookup = self.lookup()
        if self.registration is None:
            del lookup["registration"]
        return lookup


@dataclass(frozen=True)
class DocumentAccess:
    """Whose documents a request reaches: its client's own, or every client's.

    xAPI-Communication 4.2 limits the state and profile scopes to "the actor
    associated with the credentials". This LRS's clients are systems (content
    packages, H5P, the platform's tools) with no actor of their own, so the limit
    is the client: a client reaches the documents it stored. Build it with
    ``document_access``, which holds the rule.
    """

    # The client whose documents these are, recorded on those it stores; None for
    # the platform itself (erasure, tests, seeding).
    client_id: int | None = None
    every_client: bool = True

    def narrow(self, rows: QuerySet[Document]) -> QuerySet[Document]:
        """Only the rows this access reaches."""
        return rows if self.every_client else rows.filter(owner_id=self.client_id)

    def reaches(self, document: Document) -> bool:
        """Whether this access reaches a stored document."""
        return self.every_client or document.owner_id == self.client_id


# The platform's own calls, which reach every document and own none.
PLATFORM = DocumentAccess()


def document_access(*, client: LRSClient, writing: bool) -> DocumentAccess:
    """What ``client`` reaches of the Document resources, to read or to write.

    Its own documents; every client's with ``all``, and to read with ``all/read``
    (which ``all`` includes). Whether it may use the resource at all (the
    ``state`` and ``profile`` scopes) is the endpoint's check.
    """
    broader = Scope.ALL if writing else Scope.ALL_READ
    return DocumentAccess(client_id=client.pk, every_client=client_can(client, broader))


@dataclass(frozen=True)
class Preconditions:
    """The If-Match and If-None-Match headers of a request, as sent."""

    if_match: str | None = None
    if_none_match: str | None = None

    def any(self) -> bool:
        """Whether the client sent either header."""
        return self.if_match is not None or self.if_none_match is not None


class DocumentIds(NamedTuple):
    """Ids of a context's documents and when the newest of them changed."""

    ids: list[str]
    last_modified: datetime | None


# -- reads --------------------------------------------------------------------------


def document_get(
    *, context: DocumentContext, document_id: str, access: DocumentAccess = PLATFORM
) -> Document | None:
    """The document stored under this id in this context, if ``access`` reaches it.

    Another client's document reads as absent: a client learns nothing of it.
    """
    rows = Document.objects.filter(**context.lookup(), document_id=document_id)
    return access.narrow(rows).first()


def documents_ids(
    *,
    context: DocumentContext,
    since: datetime | None = None,
    access: DocumentAccess = PLATFORM,
) -> DocumentIds:
    """Ids of the context's documents that ``access`` reaches, only those updated
    after ``since`` if given."""
    rows = access.narrow(Document.objects.filter(**context.lookup_any_registration()))
    if since is not None:
        rows = rows.filter(updated__gt=since)
    ids: dict[str, None] = {}  # ordered set: a stateId may recur across registrations
    last_modified = None
    for document_id, updated in rows.order_by("document_id").values_list(
        "document_id", "updated"
    ):
        ids[document_id] = None
        last_modified = max(last_modified or updated, updated)
    return DocumentIds(list(ids), last_modified)


# -- writes -------------------------------------------------------------------------


def document_put(
    *,
    context: DocumentContext,
    document_id: str,
    content: bytes,
    content_type: str,
    preconditions: Preconditions | None = None,
    access: DocumentAccess = PLATFORM,
) -> Document:
    """Store a document, replacing any existing one, under the concurrency rules."""
    _check_body(content, content_type)
    preconditions = preconditions or Preconditions()

    def replace(existing: Document | None) -> tuple[bytes, str]:
        _check_preconditions(existing, preconditions)
        if existing and not preconditions.any() and _headers_required(context):
            raise DocumentConflict(
                "This document already exists. Check its current state with GET, "
                "then PUT again with the If-Match header set to its ETag."
            )
        return content, content_type

    return _save(context, document_id, replace, access)


def _headers_required(context: DocumentContext) -> bool:
    """Whether a PUT over an existing document must say what it replaces.

    1.0.3 (Comm. 3.1.s3) permits it without headers on the State resource
    only; 2.0 (9274 4.1.4) requires them on all three resources alike.
    """
    return context.kind != Document.Kind.STATE or versions.spoken() == versions.V2


def document_merge(
    *,
    context: DocumentContext,
    document_id: str,
    content: bytes,
    content_type: str,
    preconditions: Preconditions | None = None,
    access: DocumentAccess = PLATFORM,
) -> Document:
    """POST: merge a JSON object into the stored one, or store it if none exists."""
    _check_body(content, content_type)
    preconditions = preconditions or Preconditions()
    # 2.2.s8.b1: a posted application/json document must be an object, even when
    # nothing is stored yet, so that later merges into it can succeed.
    posted = (
        _json_object(content, "The posted document") if _is_json(content_type) else {}
    )

    def merge(existing: Document | None) -> tuple[bytes, str]:
        _check_preconditions(existing, preconditions)
        if existing is None:
            return content, content_type
        if not (_is_json(content_type) and _is_json(existing.content_type)):
            raise DocumentNotMergeable(
                "POST merges JSON: both the posted and the stored document must be "
                "application/json. Use PUT to replace the document."
            )
        stored = _json_object(bytes(existing.content), "The stored document")
        # 2.2.s7: only top-level properties are merged; the posted ones win.
        merged = json.dumps({**stored, **posted}, ensure_ascii=False)
        return merged.encode(), existing.content_type

    return _save(context, document_id, merge, access)


def document_delete(
    *,
    context: DocumentContext,
    document_id: str,
    preconditions: Preconditions | None = None,
    access: DocumentAccess = PLATFORM,
) -> bool:
    """Delete one document; return whether it existed."""
    preconditions = preconditions or Preconditions()
    with transaction.atomic():
        existing = _locked(context, document_id, access)
        _check_preconditions(existing, preconditions)
        if existing is None:
            return False
        existing.delete()
        return True


def document_delete_many(
    *, context: DocumentContext, access: DocumentAccess = PLATFORM
) -> int:
    """Delete every document of a context that ``access`` reaches (State without
    stateId); return how many. Other clients' documents stay."""
    rows = Document.objects.filter(**context.lookup_any_registration())
    deleted, _per_model = access.narrow(rows).delete()
    return deleted


def documents_forget(*, agent: dict) -> int:
    """Erase a learner's state and agent profile documents; return how many.

    Activity profiles are not personal: they belong to the activity alone.
    """
    deleted, _per_model = Document.objects.filter(
        agent_key=agent_key(agent),
        kind__in=[Document.Kind.STATE, Document.Kind.AGENT_PROFILE],
    ).delete()
    return deleted


def _save(
    context: DocumentContext,
    document_id: str,
    change: Callable[[Document | None], tuple[bytes, str]],
    access: DocumentAccess,
) -> Document:
    """Apply ``change`` to the locked current version and store what it returns.

    A new document belongs to the writing client; an existing one keeps its owner.
    """
    for attempt in range(2):
        try:
            with transaction.atomic():
                existing = _locked(context, document_id, access)
                content, content_type = change(existing)
                document = existing or Document(
                    **context.lookup(),
                    document_id=document_id,
                    owner_id=access.client_id,
                )
                document.content = content
                document.content_type = content_type
                document.etag = etag_of(content)
                document.updated = timezone.now()
                document.save()
                return document
        except IntegrityError:
            # A concurrent request created it between our read and our insert:
            # decide once more, against the version that request stored.
            if attempt:
                raise
    raise AssertionError("unreachable")


def _locked(
    context: DocumentContext, document_id: str, access: DocumentAccess
) -> Document | None:
    """The current version, locked until the transaction ends (where supported).

    DocumentForbidden if another client's document holds the address: xAPI gives
    each address one document, so it can be neither replaced nor shadowed.
    """
    rows = Document.objects.select_for_update().filter(
        **context.lookup(), document_id=document_id
    )
    existing = rows.first()
    if existing is not None and not access.reaches(existing):
        raise DocumentForbidden(
            "Another LRS client stored this document; these credentials can "
            "neither change nor delete it."
        )
    return existing


# -- concurrency and content --------------------------------------------------------


def etag_of(content: bytes) -> str:
    """The ETag xAPI requires: lowercase hex SHA-1 of the content (unquoted)."""
    return hashlib.sha1(content, usedforsecurity=False).hexdigest()


def _check_preconditions(existing: Document | None, pre: Preconditions) -> None:
    """Raise DocumentPreconditionFailed unless If-Match and If-None-Match hold."""
    current = existing.etag if existing else None
    if pre.if_match is not None and not _etag_matches(pre.if_match, current):
        raise DocumentPreconditionFailed(
            "If-Match: the document has changed or does not exist; GET it again."
        )
    if pre.if_none_match is not None and _etag_matches(pre.if_none_match, current):
        raise DocumentPreconditionFailed(
            "If-None-Match: the document already exists; GET it, then use If-Match."
        )


def _etag_matches(header: str, current: str | None) -> bool:
    """RFC 7232 matching of an If-Match/If-None-Match value against the ETag."""
    if current is None:
        return False
    if header.strip() == "*":
        return True
    tags = (tag.strip().removeprefix("W/").strip('"') for tag in header.split(","))
    return current in tags


def _is_json(content_type: str) -> bool:
    """Whether a Content-Type is application/json, whatever its parameters."""
    return content_type.split(";")[0].strip().lower() == JSON


def _check_body(content: bytes, content_type: str) -> None:
    """Refuse a body declared as JSON that is not JSON (xAPI-Communication 3.2)."""
    if _is_json(content_type):
        try:
            json_parse(content, "document")
        except InputInvalid as exc:
            raise DocumentInvalid(
                f"The body is declared application/json but is not JSON that "
                f"this LRS can merge: {exc}"
            ) from None


def _json_object(content: bytes, what: str) -> dict:
    """The JSON object in ``content``; DocumentNotMergeable if it is anything else."""
    try:
        value = json_parse(content, what)
    except InputInvalid:
        value = None
    if not isinstance(value, dict):
        raise DocumentNotMergeable(f"{what} is not a JSON object, so cannot be merged.")
    return value


# -- Activities and Agents resources ------------------------------------------------


# Activity definition properties that are language maps: merged language by
# language; every other property is replaced by the most recent value.
DEFINITION_LANGUAGE_MAPS = ("name", "description")


def activity_get(*, activity_id: str, authority_key: str | None = None) -> dict:
    """The Activity object with its canonical definition: every definition the
    statements gave it, merged, the most recent winning property by property
    and, in the name and description, language by language (Data 2.4.4.1:
    the LRS keeps a canonical definition and updates it with what it accepts;
    an older statement's French name is not lost when a newer one names the
    activity in English only).

    ``authority_key`` limits the statements read to one client's own. Without any
    definition the bare Activity is returned (xAPI-Communication 2.5.s2.b1).
    """
    rows = Statement.objects.filter(
        activity_id=activity_id, voided=False, data__object__has_key="definition"
    )
    if authority_key is not None:
        rows = rows.filter(authority_key=authority_key)
    # Each different definition once, oldest first (the platform's own
    # statements repeat the same one thousands of times).
    definitions = (
        rows.values("data__object__definition")
        .annotate(last_stored=Max("stored"))
        .order_by("last_stored")
        .values_list("data__object__definition", flat=True)
    )
    activity = {"objectType": "Activity", "id": activity_id}
    merged: dict = {}
    for definition in definitions:
        merged = _definition_merge(merged, definition)
    if merged:
        activity["definition"] = merged
    return activity


def _definition_merge(canonical: dict, newer: dict) -> dict:
    merged = {**canonical, **newer}
    for key in DEFINITION_LANGUAGE_MAPS:
        if isinstance(canonical.get(key), dict) and isinstance(newer.get(key), dict):
            merged[key] = {**canonical[key], **newer[key]}
    return merged


def person_get(*, agent: dict, authority_key: str | None = None) -> dict:
    """The Person object of an agent: its IFI and every name it was stored with.

    IFIs are keys here, so one Person never joins two IFIs: no statement tells the
    LRS that two identifiers are the same person.
    """
    rows = Statement.objects.filter(actor_key=agent_key(agent), voided=False)
    if authority_key is not None:
        rows = rows.filter(authority_key=authority_key)
    seen = rows.order_by("-stored").values_list("data__actor__name", flat=True)
    names = dict.fromkeys(
        name for name in [agent.get("name"), *seen[:PERSON_NAMES_SCAN]] if name
    )
    person: dict = {"objectType": "Person"}
    if names:
        person["name"] = list(names)
    for ifi in IFI_KEYS:
        if ifi in agent:
            person[ifi] = [agent[ifi]]
    return person
