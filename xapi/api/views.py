"""The xAPI 1.0.3 HTTP API: About and Statements resources."""

from __future__ import annotations

import json
from datetime import datetime
from functools import wraps
from uuid import UUID

from django.core import signing
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from xapi import clients, selectors, services
from xapi.exceptions import StatementConflict, StatementInvalid
from xapi.formats import statement_canonical_format, statement_ids_format
from xapi.models import Scope
from xapi.validation import validate_actor

VERSION = "1.0.3"
SUPPORTED_VERSIONS = ("1.0.0", "1.0.1", "1.0.2", "1.0.3", "1.0")
MAX_LIMIT = 500
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


def xapi_endpoint(*, scopes_by_method: dict[str, str] | None = None):
    """Version header, CORS, authentication and error mapping for a resource."""

    def decorator(view):
        @csrf_exempt
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "OPTIONS":
                response = HttpResponse(status=200)
            else:
                response = _handle(request, view, scopes_by_method, *args, **kwargs)
            response["X-Experience-API-Version"] = VERSION
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
    if version not in SUPPORTED_VERSIONS:
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
    if not clients.client_can(client, scope) and not readable:
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
    }
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
    filters, cursor = _filters(request)
    limit = _limit(params)
    rows = selectors.statements_filter(**filters)
    if cursor is not None:
        rows = rows.filter(cursor)
    page = list(rows.values_list("data", "stored", "id")[: limit + 1])
    statements_out = [_format(data, params) for data, _, _ in page[:limit]]
    result = {"statements": statements_out, "more": ""}
    if len(page) > limit:
        result["more"] = _more_link(request, page[limit - 1], filters)
    response = JsonResponse(result)
    response["X-Experience-API-Consistent-Through"] = timezone.now().isoformat()
    return response


def _statement_single(request, name: str) -> HttpResponse:
    others = set(request.GET) - {name, "format", "attachments"}
    if others:
        raise ApiError(400, f"{name} cannot be combined with {', '.join(others)}.")
    statement_id = _uuid_param(request.GET, name, required=True)
    found = selectors.statement_get(
        statement_id=statement_id, voided=name == "voidedStatementId"
    )
    if found is None or not _may_read(request.lrs_client, found):
        return error(404, f"No statement {statement_id}.")
    response = JsonResponse(_format(found, request.GET))
    response["Last-Modified"] = found["stored"]
    response["X-Experience-API-Consistent-Through"] = timezone.now().isoformat()
    return response


def _may_read(client, statement: dict) -> bool:
    if clients.client_can(client, Scope.STATEMENTS_READ):
        return True
    return statement.get("authority") == clients.client_authority(client)


def _filters(request) -> tuple[dict, dict]:
    params = request.GET
    if "more" in params:
        return _from_more(params["more"])
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
    if not clients.client_can(request.lrs_client, Scope.STATEMENTS_READ):
        filters["authority"] = clients.client_authority(request.lrs_client)
    return filters, None


def _more_link(request, last_row, filters: dict) -> str:
    _data, stored, statement_id = last_row
    token = signing.dumps(
        {
            "filters": {
                k: (str(v) if isinstance(v, UUID | datetime) else v)
                for k, v in filters.items()
            },
            "after": [stored.isoformat(), str(statement_id)],
            "limit": _limit(request.GET),
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
    return filters, cursor


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


def _format(statement: dict, params) -> dict:
    fmt = params.get("format", "exact")
    if fmt not in ("exact", "ids", "canonical"):
        raise ApiError(400, "format: one of exact, ids, canonical.")
    if fmt == "ids":
        return statement_ids_format(statement)
    if fmt == "canonical":
        return statement_canonical_format(statement)
    return statement
