"""The xAPI 1.0.3 HTTP API: About and Statements resources."""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import wraps
from uuid import UUID

from django.core import signing
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt

from xapi import clients, selectors, services
from xapi.agents import agent_key
from xapi.exceptions import StatementConflict, StatementInvalid
from xapi.formats import (
    accepted_languages,
    statement_canonical_format,
    statement_ids_format,
)
from xapi.models import Scope
from xapi.validation import validate_actor

VERSION = "1.0.3"
# Comm. 3.3.s3.b3/b5: "1.0", and any version starting with "1.0.", are accepted.
SUPPORTED_VERSION = re.compile(r"1\.0(?:\.[0-9]+)?").fullmatch
MAX_LIMIT = 500
FORMATS = ("exact", "ids", "canonical")
BOOLEAN_PARAMETERS = (
    "ascending",
    "attachments",
    "related_activities",
    "related_agents",
)
# Accepted as "false" only: see _refuse_unsupported.
UNSUPPORTED_WHEN_TRUE = ("related_activities", "related_agents")
STATEMENT_FILTERS = {
    "agent",
    "verb",
    "activity",
    "registration",
    "related_activities",
    "related_agents",
    "since",
    "until",
    "limit",
    "format",
    "attachments",
    "ascending",
    "more",
}
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "HEAD, GET, POST, PUT, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": (
        "Content-Type, Content-Length, Authorization, If-Match, If-None-Match, "
        "X-Experience-API-Version"
    ),
    "Access-Control-Expose-Headers": (
        "ETag, Last-Modified, X-Experience-API-Version, "
        "X-Experience-API-Consistent-Through"
    ),
}


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        self.status = status
        self.message = message
        super().__init__(message)


def error(status: int, message: str) -> HttpResponse:
    return JsonResponse({"error": message}, status=status)


def xapi_endpoint(
    *,
    scopes_by_method: dict[str, str] | None = None,
    consistent_through: bool = False,
):
    """Version header, CORS, authentication and error mapping for a resource.

    ``consistent_through`` adds X-Experience-API-Consistent-Through, which every
    response of the Statement resource carries (Comm. 2.1.3.s2.b5).
    """

    def decorator(view):
        @csrf_exempt
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "OPTIONS":
                response = HttpResponse(status=200)
            else:
                response = _handle(request, view, scopes_by_method, *args, **kwargs)
            response["X-Experience-API-Version"] = VERSION
            if consistent_through:
                response["X-Experience-API-Consistent-Through"] = _consistent_through()
            for header, value in CORS_HEADERS.items():
                response[header] = value
            return response

        return wrapper

    return decorator


def _handle(request, view, scopes_by_method, *args, **kwargs) -> HttpResponse:
    try:
        if scopes_by_method is not None:
            _check_version(request)
            request.lrs_client = _authenticate(request, scopes_by_method)
        return view(request, *args, **kwargs)
    except ApiError as exc:
        return error(exc.status, exc.message)
    except StatementInvalid as exc:
        return error(400, str(exc))
    except StatementConflict as exc:
        return error(409, str(exc))


def _check_version(request) -> None:
    version = request.headers.get("X-Experience-API-Version")
    if version is None:
        raise ApiError(400, "The X-Experience-API-Version header is required.")
    if not SUPPORTED_VERSION(version):
        raise ApiError(400, f"Unsupported xAPI version {version!r}; use 1.0.3.")


def _authenticate(request, scopes_by_method: dict[str, str]):
    client = clients.client_authenticate(request.headers.get("Authorization", ""))
    if client is None:
        raise ApiError(401, "Valid HTTP Basic credentials of an LRS client are needed.")
    method = "GET" if request.method == "HEAD" else request.method
    scope = scopes_by_method.get(method)
    if scope is None:
        raise ApiError(405, f"Method {request.method} is not allowed here.")
    readable = scope == Scope.STATEMENTS_READ and clients.client_can(
        client, Scope.STATEMENTS_READ_MINE
    )
    # all/read grants every GET, documents included (xAPI-Communication 4.2).
    reads_all = method == "GET" and clients.client_can(client, Scope.ALL_READ)
    if not clients.client_can(client, scope) and not readable and not reads_all:
        raise ApiError(403, f"This client's scopes do not include {scope}.")
    return client


@xapi_endpoint()
def about(request):
    if request.method not in ("GET", "HEAD"):
        return error(405, "The About resource only answers GET.")
    return JsonResponse({"version": [VERSION], "extensions": {}})


@xapi_endpoint(
    scopes_by_method={
        "GET": Scope.STATEMENTS_READ,
        "POST": Scope.STATEMENTS_WRITE,
        "PUT": Scope.STATEMENTS_WRITE,
    },
    consistent_through=True,
)
def statements(request):
    if request.method == "POST":
        return _statements_post(request)
    if request.method == "PUT":
        return _statements_put(request)
    return _statements_get(request)


def _json_body(request):
    if not request.content_type.startswith("application/json"):
        raise ApiError(400, "Statements are sent as application/json.")
    try:
        return json.loads(request.body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, f"The body is not valid JSON: {exc}") from None


def _statements_post(request) -> HttpResponse:
    body = _json_body(request)
    batch = body if isinstance(body, list) else [body]
    if not all(isinstance(s, dict) for s in batch):
        raise ApiError(400, "statement: each statement must be a JSON object.")
    ids = services.statements_store(
        statements=batch, authority=clients.client_authority(request.lrs_client)
    )
    return JsonResponse(ids, safe=False)


def _statements_put(request) -> HttpResponse:
    statement_id = _uuid_param(request.GET, "statementId", required=True)
    statement = _json_body(request)
    if not isinstance(statement, dict):
        raise ApiError(400, "statement: the body must be one JSON object.")
    if "id" in statement and _parse_uuid(statement["id"], "id") != statement_id:
        raise ApiError(400, "id: the statement id differs from statementId.")
    statement = {**statement, "id": str(statement_id)}
    services.statement_store(
        statement=statement, authority=clients.client_authority(request.lrs_client)
    )
    return HttpResponse(status=204)


def _statements_get(request) -> HttpResponse:
    params = request.GET
    single = {"statementId", "voidedStatementId"} & set(params)
    if single:
        return _statement_single(request, single.pop())
    unknown = set(params) - STATEMENT_FILTERS
    if unknown:
        raise ApiError(400, f"Unknown parameter(s): {', '.join(sorted(unknown))}.")
    _check_booleans(params)
    query, cursor = _query(request)
    filters, limit = query["filters"], query["limit"]
    rows = selectors.statements_filter(**filters, agent_in_object=True)
    if cursor is not None:
        rows = rows.filter(cursor)
    page = list(rows.values_list("data", "stored", "id")[: limit + 1])
    statements_out = [
        _format(data, query["format"], request) for data, _, _ in page[:limit]
    ]
    result = {"statements": statements_out, "more": ""}
    if len(page) > limit:
        result["more"] = _more_link(request, page[limit - 1], query)
    return JsonResponse(result)


def _statement_single(request, name: str) -> HttpResponse:
    others = set(request.GET) - {name, "format", "attachments"}
    if others:
        raise ApiError(400, f"{name} cannot be combined with {', '.join(others)}.")
    statement_id = _uuid_param(request.GET, name, required=True)
    _check_booleans(request.GET)
    fmt = _format_param(request.GET)
    found = selectors.statement_get(
        statement_id=statement_id, voided=name == "voidedStatementId"
    )
    if found is None or not _may_read(request.lrs_client, found):
        return error(404, f"No statement {statement_id}.")
    response = JsonResponse(_format(found, fmt, request))
    # Comm. 2.1.3.s2.b8: the stored time, as HTTP dates are written.
    stored = datetime.fromisoformat(found["stored"])
    response["Last-Modified"] = http_date(stored.timestamp())
    return response


def _consistent_through() -> str:
    # Approximate: a batch whose transaction is still open was given an earlier
    # stored time, and becomes visible only when it commits.
    return timezone.now().isoformat()


def _may_read(client, statement: dict) -> bool:
    if clients.client_can(client, Scope.STATEMENTS_READ):
        return True
    # By IFI, as statements_filter does: a renamed client still owns its own.
    own = agent_key(clients.client_authority(client))
    return agent_key(statement.get("authority", {})) == own


def _query(request) -> tuple[dict, Q | None]:
    """Filters, limit and format of a query, from its parameters or its more link.

    What a client may read is always that of the client asking: a more link
    handed to another client does not carry the first one's rights.
    """
    if "more" in request.GET:
        query, cursor = _from_more(request.GET["more"])
    else:
        query, cursor = _query_from_params(request), None
    query["filters"].pop("authority", None)
    if not clients.client_can(request.lrs_client, Scope.STATEMENTS_READ):
        query["filters"]["authority"] = clients.client_authority(request.lrs_client)
    return query, cursor


def _query_from_params(request) -> dict:
    params = request.GET
    _refuse_unsupported(params)
    return {
        "filters": _filters(params),
        "limit": _limit(params),
        "format": _format_param(params),
    }


def _filters(params) -> dict:
    filters: dict = {"ascending": params.get("ascending", "false") == "true"}
    if "agent" in params:
        filters["agent"] = _agent_param(params["agent"])
    if "verb" in params:
        filters["verb"] = params["verb"]
    if "activity" in params:
        filters["activity"] = params["activity"]
    if "registration" in params:
        filters["registration"] = _uuid_param(params, "registration")
    for name in ("since", "until"):
        if name in params:
            filters[name] = _timestamp_param(params, name)
    return filters


def _more_link(request, last_row, query: dict) -> str:
    """A link to the next page: the whole query, signed, and where it stopped."""
    _data, stored, statement_id = last_row
    filters = {
        k: (str(v) if isinstance(v, UUID | datetime) else v)
        for k, v in query["filters"].items()
        if k != "authority"
    }
    token = signing.dumps(
        {
            "filters": filters,
            "after": [stored.isoformat(), str(statement_id)],
            "limit": query["limit"],
            "format": query["format"],
        },
        salt="xapi.more",
    )
    return f"{request.path}?more={token}"


def _from_more(token: str) -> tuple[dict, Q]:
    try:
        state = signing.loads(token, salt="xapi.more", max_age=24 * 3600)
    except signing.BadSignature:
        raise ApiError(400, "more: this link is invalid or has expired.") from None
    filters = state["filters"]
    for name in ("since", "until"):
        if filters.get(name):
            filters[name] = datetime.fromisoformat(filters[name])
    stored, statement_id = state["after"]
    stored = datetime.fromisoformat(stored)
    # Keyset pagination on (stored, id): stable while new statements arrive.
    if filters["ascending"]:
        cursor = Q(stored__gt=stored) | Q(stored=stored, id__gt=statement_id)
    else:
        cursor = Q(stored__lt=stored) | Q(stored=stored, id__lt=statement_id)
    # Links made before the format was kept in them still work, as exact.
    query = {
        "filters": filters,
        "limit": state.get("limit", MAX_LIMIT),
        "format": state.get("format", "exact"),
    }
    return query, cursor


def _limit(params) -> int:
    raw = params.get("limit", "0")
    if not raw.isdigit():
        raise ApiError(400, "limit: a non-negative integer is expected.")
    limit = int(raw)
    return MAX_LIMIT if limit == 0 else min(limit, MAX_LIMIT)


def _parse_uuid(value, name: str) -> UUID:
    try:
        return UUID(str(value))
    except ValueError:
        raise ApiError(400, f"{name}: {value!r} is not a UUID.") from None


def _uuid_param(params, name: str, *, required: bool = False) -> UUID | None:
    if name not in params:
        if required:
            raise ApiError(400, f"The {name} parameter is required.")
        return None
    return _parse_uuid(params[name], name)


def _agent_param(raw: str) -> dict:
    try:
        agent = json.loads(raw)
    except ValueError:
        raise ApiError(400, "agent: must be an Agent or Group as JSON.") from None
    if not isinstance(agent, dict):
        raise ApiError(400, "agent: must be an Agent or Group as JSON.")
    try:
        validate_actor(agent, path="agent")
    except StatementInvalid as exc:
        raise ApiError(400, str(exc)) from None
    return agent


def _timestamp_param(params, name: str) -> datetime:
    try:
        value = datetime.fromisoformat(params[name])
    except ValueError:
        raise ApiError(400, f"{name}: not an ISO 8601 timestamp.") from None
    if value.tzinfo is None:
        raise ApiError(400, f"{name}: the timestamp needs a time zone.")
    return value


def _check_booleans(params) -> None:
    for name in BOOLEAN_PARAMETERS:
        if params.get(name, "false") not in ("true", "false"):
            raise ApiError(400, f"{name}: true or false is expected.")


def _refuse_unsupported(params) -> None:
    # Ignoring them would answer with statements the client did not ask for.
    for name in UNSUPPORTED_WHEN_TRUE:
        if params.get(name) == "true":
            raise ApiError(400, f"{name}=true is not supported by this LRS.")


def _format_param(params) -> str:
    fmt = params.get("format", "exact")
    if fmt not in FORMATS:
        raise ApiError(400, f"format: one of {', '.join(FORMATS)}.")
    return fmt


def _format(statement: dict, fmt: str, request) -> dict:
    if fmt == "ids":
        return statement_ids_format(statement)
    if fmt == "canonical":
        languages = accepted_languages(request.headers.get("Accept-Language", ""))
        return statement_canonical_format(statement, languages)
    return statement
