"""The xAPI 1.0.3 Document resources (State, profiles), Activities and Agents.

Scopes (xAPI-Communication 4.2): "state" and "profile" are read/write scopes, so
they guard every method of their resources. Activities and Agents answer from
stored statements, so they need what reading statements needs, statements/read
(which all/read and all grant); a client with only statements/read/mine gets
answers built from its own statements alone, as on the Statements resource.
"define" is about (re)defining Activities and Agents, not reading them.

Within a Document resource a client reaches the documents it stored, unless it
holds all (or all/read, to read): xapi.documents.document_access holds the rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.utils.http import http_date

from xapi import clients, documents, inputs
from xapi.agents import agent_key
from xapi.api.views import ApiError, agent_from_json, xapi_endpoint
from xapi.documents import (
    DocumentAccess,
    DocumentContext,
    DocumentError,
    Preconditions,
)
from xapi.models import Document, Scope

DOCUMENT_METHODS = ("GET", "PUT", "POST", "DELETE")
DEFAULT_CONTENT_TYPE = "application/octet-stream"
# Scheme, colon, then anything without spaces: enough to tell an IRI from a typo.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+").fullmatch


@dataclass(frozen=True)
class DocumentResource:
    """What tells the three Document resources apart."""

    kind: str
    id_param: str
    context_params: frozenset[str]
    # Only the State resource deletes a whole context (2.3.s5).
    delete_many: bool = False


STATE = DocumentResource(
    kind=Document.Kind.STATE,
    id_param="stateId",
    context_params=frozenset({"activityId", "agent", "registration"}),
    delete_many=True,
)
ACTIVITY_PROFILE = DocumentResource(
    kind=Document.Kind.ACTIVITY_PROFILE,
    id_param="profileId",
    context_params=frozenset({"activityId"}),
)
AGENT_PROFILE = DocumentResource(
    kind=Document.Kind.AGENT_PROFILE,
    id_param="profileId",
    context_params=frozenset({"agent"}),
)


def _every_method(scope: str) -> dict[str, str]:
    """The same scope for every method a Document resource answers."""
    return dict.fromkeys(DOCUMENT_METHODS, scope)


@xapi_endpoint(scopes_by_method=_every_method(Scope.STATE))
def state(request) -> HttpResponse:
    """/xapi/activities/state: documents of an activity, agent and registration."""
    return _document_resource(request, STATE)


@xapi_endpoint(scopes_by_method=_every_method(Scope.PROFILE))
def activity_profile(request) -> HttpResponse:
    """/xapi/activities/profile: documents of an activity."""
    return _document_resource(request, ACTIVITY_PROFILE)


@xapi_endpoint(scopes_by_method=_every_method(Scope.PROFILE))
def agent_profile(request) -> HttpResponse:
    """/xapi/agents/profile: documents of an agent."""
    return _document_resource(request, AGENT_PROFILE)


@xapi_endpoint(scopes_by_method={"GET": Scope.STATEMENTS_READ})
def activities(request) -> HttpResponse:
    """/xapi/activities: the Activity object with its latest definition."""
    _refuse_unknown(request.GET, {"activityId"})
    activity = documents.activity_get(
        activity_id=_activity_id_param(request.GET),
        authority_key=_own_statements_only(request),
    )
    return _json_with_etag(activity)


@xapi_endpoint(scopes_by_method={"GET": Scope.STATEMENTS_READ})
def agents(request) -> HttpResponse:
    """/xapi/agents: the Person object of an agent."""
    _refuse_unknown(request.GET, {"agent"})
    person = documents.person_get(
        agent=_agent_param(request.GET), authority_key=_own_statements_only(request)
    )
    return _json_with_etag(person)


# -- document requests --------------------------------------------------------------


def _document_resource(request, resource: DocumentResource) -> HttpResponse:
    """Dispatch a Document resource request by method and presence of the id."""
    params = request.GET
    method = "GET" if request.method == "HEAD" else request.method
    single = resource.id_param in params
    allowed = resource.context_params | {resource.id_param}
    if method == "GET" and not single:
        allowed |= {"since"}
    _refuse_unknown(params, allowed)
    context = _context(params, resource)
    access = documents.document_access(
        client=request.lrs_client, writing=method != "GET"
    )
    with _document_errors():
        if not single:
            if method == "GET":
                return _ids_response(context, params, access)
            if method == "DELETE" and resource.delete_many:
                documents.document_delete_many(context=context, access=access)
                return HttpResponse(status=204)
            raise ApiError(400, f"The {resource.id_param} parameter is required.")
        document_id = _document_id_param(params, resource.id_param)
        if method == "GET":
            return _document_response(context, document_id, access)
        return _document_write(request, method, context, document_id, access)


def _document_write(
    request,
    method: str,
    context: DocumentContext,
    document_id: str,
    access: DocumentAccess,
) -> HttpResponse:
    """PUT, POST or DELETE of one document; 204 on success."""
    preconditions = Preconditions(
        if_match=request.headers.get("If-Match"),
        if_none_match=request.headers.get("If-None-Match"),
    )
    if method == "DELETE":
        documents.document_delete(
            context=context,
            document_id=document_id,
            preconditions=preconditions,
            access=access,
        )
        return HttpResponse(status=204)
    write = documents.document_put if method == "PUT" else documents.document_merge
    write(
        context=context,
        document_id=document_id,
        content=_body(request),
        content_type=request.headers.get("Content-Type") or DEFAULT_CONTENT_TYPE,
        preconditions=preconditions,
        access=access,
    )
    return HttpResponse(status=204)


def _document_response(
    context: DocumentContext, document_id: str, access: DocumentAccess
) -> HttpResponse:
    """The stored bytes, as stored, with ETag and Last-Modified."""
    document = documents.document_get(
        context=context, document_id=document_id, access=access
    )
    if document is None:
        raise ApiError(404, f"No document {document_id!r} in this context.")
    response = HttpResponse(bytes(document.content), content_type=document.content_type)
    response["ETag"] = f'"{document.etag}"'
    response["Last-Modified"] = http_date(document.updated.timestamp())
    return response


def _ids_response(
    context: DocumentContext, params, access: DocumentAccess
) -> HttpResponse:
    """The JSON array of the context's document ids."""
    since = _since_param(params)
    ids, last_modified = documents.documents_ids(
        context=context, since=since, access=access
    )
    response = _json_with_etag(ids)
    if last_modified is not None:
        # 2.2.s6.b2: when the most recently modified of them was modified.
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


@contextmanager
def _document_errors() -> Iterator[None]:
    """Turn the documents service's domain errors into API errors."""
    try:
        yield
    except DocumentError as exc:
        raise ApiError(exc.status, exc.message) from None


def _body(request) -> bytes:
    """The raw request body; 413 past Django's DATA_UPLOAD_MAX_MEMORY_SIZE."""
    try:
        return request.body
    except RequestDataTooBig:
        # 3.2.s3.b11: a document over the size limit is refused with 413.
        raise ApiError(413, "The document is larger than this LRS accepts.") from None


# -- parameters ---------------------------------------------------------------------


def _refuse_unknown(params, allowed: set[str] | frozenset[str]) -> None:
    """400 for any parameter not recognized here (3.2.s3.b7, b8: case matters)."""
    unknown = sorted(set(params) - set(allowed))
    if not unknown:
        return
    by_lower = {name.lower(): name for name in allowed}
    hints = [
        f"{name} (did you mean {by_lower[name.lower()]}?)"
        if name.lower() in by_lower
        else name
        for name in unknown
    ]
    raise ApiError(400, f"Unknown parameter(s) here: {', '.join(hints)}.")


def _context(params, resource: DocumentResource) -> DocumentContext:
    """The document context named by the request's parameters, validated."""
    names = resource.context_params
    return DocumentContext(
        kind=resource.kind,
        activity_id=_activity_id_param(params) if "activityId" in names else "",
        agent=_agent_param(params) if "agent" in names else None,
        registration=_registration_param(params) if "registration" in names else None,
    )


def _required(params, name: str) -> str:
    """A parameter the resource cannot do without; 400 naming it if absent."""
    value = params.get(name)
    if value is None:
        raise ApiError(400, f"The {name} parameter is required.")
    return value


def _activity_id_param(params) -> str:
    """The required activityId parameter, which must look like an IRI."""
    activity_id = _required(params, "activityId")
    if not _IRI(activity_id):
        raise ApiError(400, f"activityId: {activity_id!r} is not an IRI.")
    return activity_id


def _agent_param(params) -> dict:
    """The agent parameter: an Agent (never a Group) as JSON, with one IFI."""
    agent = agent_from_json(_required(params, "agent"))
    if agent.get("objectType", "Agent") != "Agent":
        # 2.4.s2, 2.6.s3: an Agent object; a Group uses its IFI in an Agent.
        raise ApiError(400, "agent: an Agent object is expected (not a Group).")
    return agent


def _registration_param(params) -> UUID | None:
    """The optional registration parameter, a UUID."""
    raw = params.get("registration")
    if raw is None:
        return None
    return UUID(inputs.uuid_check(raw, "registration"))


def _document_id_param(params, name: str) -> str:
    """The stateId or profileId parameter: non-empty (its length is checked with
    every parameter's, xapi.inputs)."""
    document_id = params[name]
    if not document_id:
        raise ApiError(400, f"{name}: must not be empty.")
    return document_id


def _since_param(params) -> datetime | None:
    """The optional since parameter: an ISO 8601 timestamp with a time zone."""
    raw = params.get("since")
    if raw is None:
        return None
    since = inputs.timestamp_parse(raw, "since")
    if since.tzinfo is None:
        raise ApiError(400, "since: the timestamp needs a time zone (e.g. Z).")
    return since


# -- responses ----------------------------------------------------------------------


def _own_statements_only(request) -> str | None:
    """The client's authority key when it may read only its own statements."""
    client = request.lrs_client
    if clients.client_can(client, Scope.STATEMENTS_READ):
        return None
    return agent_key(clients.client_authority(client))


def _json_with_etag(data) -> HttpResponse:
    """A JSON response with the ETag every GET carries (3.1.s4.b1)."""
    response = JsonResponse(data, safe=False)
    response["ETag"] = f'"{documents.etag_of(response.content)}"'
    return response
