"""The xAPI HTTP API (1.0.3 and 2.0.0, see xapi.versions): About and Statements."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from functools import wraps
from uuid import UUID

from django.core import signing
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections
from django.http import HttpResponse, JsonResponse, QueryDict
from django.utils import timezone
from django.utils.http import http_date, parse_header_parameters
from django.views.decorators.csrf import csrf_exempt

from common.db_routing import reads_from_replica
from xapi import attachments, clients, inputs, selectors, services, versions
from xapi.agents import agent_key
from xapi.api.multipart import MultipartInvalid, multipart_build, multipart_parse
from xapi.exceptions import (
    InputInvalid,
    StatementConflict,
    StatementInvalid,
    StoreTooSlow,
)
from xapi.formats import (
    accepted_languages,
    context_activities_as_lists,
    statement_canonical_format,
    statement_ids_format,
)
from xapi.models import Scope
from xapi.validation import iri_parameter, validate_actor

MAX_LIMIT = 500
FORMATS = ("exact", "ids", "canonical")
BOOLEAN_PARAMETERS = (
    "ascending",
    "attachments",
    "related_activities",
    "related_agents",
)
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
# Comm. 1.3: the alternate request syntax, a form POSTed with ?method=.
ALTERNATE_METHODS = ("GET", "PUT", "POST", "DELETE")
# Comm. 1.3.s3.b6: the form parameters that stand for headers (WSGI names).
ALTERNATE_HEADERS = {
    "authorization": "HTTP_AUTHORIZATION",
    "x-experience-api-version": "HTTP_X_EXPERIENCE_API_VERSION",
    "content-type": "CONTENT_TYPE",
    "content-length": "CONTENT_LENGTH",
    "if-match": "HTTP_IF_MATCH",
    "if-none-match": "HTTP_IF_NONE_MATCH",
}
FORM = "application/x-www-form-urlencoded"
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
            response = _without_body_for_head(request, response)
            # Each client in the version it asked for; one that named none we
            # speak, in the latest (9274 4.1.7, errors included).
            response["X-Experience-API-Version"] = (
                versions.from_header(request.headers.get("X-Experience-API-Version"))
                or versions.LATEST
            )
            if consistent_through:
                response["X-Experience-API-Consistent-Through"] = _consistent_through(
                    getattr(request, "xapi_read_from", "default")
                )
            for header, value in CORS_HEADERS.items():
                response[header] = value
            return response

        return wrapper

    return decorator


def _without_body_for_head(request, response: HttpResponse) -> HttpResponse:
    """HEAD: the headers GET would send, its Content-Length included, and no
    body, whatever its size and whatever the answer, an error too (Comm.
    1.1.s3; RFC 9110 9.3.2). Not every server drops the body itself: Daphne,
    which ``make run`` starts, sends what it is given."""
    if request.method == "HEAD":
        length = len(response.content)
        response.content = b""
        response["Content-Length"] = str(length)
    return response


def _handle(request, view, scopes_by_method, *args, **kwargs) -> HttpResponse:
    try:
        inputs.urlencoded_check(request.META.get("QUERY_STRING", ""), "query string")
        sent_version = request.headers.get("X-Experience-API-Version")
        alternate = _alternate_syntax(request)
        # Every parameter and header, whatever the resource, before any use.
        inputs.parameters_check(request.GET)
        inputs.headers_check(request.headers)
        if scopes_by_method is None:
            return view(request, *args, **kwargs)
        version = _version(request)
        if alternate and versions.V2 in (version, versions.from_header(sent_version)):
            raise ApiError(
                400,
                "xAPI 2.0 has no alternate request syntax (method=): send the "
                "request itself, with its headers.",
            )
        request.lrs_client = _authenticate(request, scopes_by_method)
        with versions.speaking(version):
            return view(request, *args, **kwargs)
    except ApiError as exc:
        return error(exc.status, exc.message)
    except (InputInvalid, StatementInvalid) as exc:
        return error(400, str(exc))
    except StatementConflict as exc:
        return error(409, str(exc))
    except StoreTooSlow as exc:
        response = error(503, str(exc))
        response["Retry-After"] = "1"
        return response


def _alternate_syntax(request) -> bool:
    """Turn a Comm. 1.3 request into the request it stands for, in place;
    whether it was one. xAPI 1.0.3 only: 2.0 removed this syntax.

    The form's header parameters become headers, its ``content`` the body and its
    other parameters the query, so the rest of the handling sees a plain request.
    """
    if "method" not in request.GET:
        return False
    if request.method != "POST":
        raise ApiError(400, "The method parameter is for POST only (Comm. 1.3.s3.b1).")
    if set(request.GET) != {"method"} or len(request.GET.getlist("method")) > 1:
        raise ApiError(
            400,
            "With method=, other parameters go in the form body, not the query "
            "string (Comm. 1.3.s3.b3).",
        )
    method = request.GET["method"].upper()
    if method not in ALTERNATE_METHODS:
        raise ApiError(400, f"method: one of {', '.join(ALTERNATE_METHODS)}.")
    query = _alternate_form(request)
    body = query.pop("content", [""])[-1].encode()  # 1.3.s3.b5: a UTF-8 string
    headers = {
        ALTERNATE_HEADERS[name.lower()]: query.pop(name)[-1]
        for name in list(query)
        if name.lower() in ALTERNATE_HEADERS
    }
    # xAPI sends JSON unless told otherwise (Comm. 1.5).
    headers.setdefault("CONTENT_TYPE", "application/json" if body else "")
    content_type, content_params = parse_header_parameters(headers["CONTENT_TYPE"])
    if content_type.startswith("multipart/"):
        raise ApiError(400, "Attachments cannot be sent with method= (Comm. 1.3).")
    # The form's Content-Length told the content's length; this is the real one.
    headers["CONTENT_LENGTH"] = str(len(body))
    request.META.update(headers)
    request.method, request.GET, request._body = method, query, body
    request.content_type, request.content_params = content_type, content_params
    request.__dict__.pop("headers", None)  # a cached_property read from META
    return True


def _alternate_form(request) -> QueryDict:
    """The (mutable) form of an alternate syntax request."""
    if request.content_type not in ("", FORM):
        raise ApiError(400, f"With method=, the body is a form ({FORM}).")
    try:
        inputs.urlencoded_check(request.body, "form")
        return QueryDict(request.body, mutable=True, encoding="utf-8")
    except RequestDataTooBig:
        raise ApiError(413, "The request is larger than this LRS accepts.") from None
    except TooManyFieldsSent:
        raise ApiError(400, "The form has more fields than this LRS accepts.") from None


def _version(request) -> str:
    header = request.headers.get("X-Experience-API-Version")
    if header is None:
        raise ApiError(400, "The X-Experience-API-Version header is required.")
    version = versions.from_header(header)
    if version is None:
        raise ApiError(400, f"Unsupported xAPI version {header!r}; use 1.0.3 or 2.0.0.")
    return version


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
    return JsonResponse({"version": list(versions.SUPPORTED), "extensions": {}})


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


def _statements_body(request) -> tuple[object, list[attachments.Part]]:
    """The JSON of a POST or PUT, and its attachment parts if multipart/mixed."""
    if request.content_type == "multipart/mixed":
        try:
            raw, parts = multipart_parse(request.headers["Content-Type"], _raw(request))
        except MultipartInvalid as exc:
            raise ApiError(400, str(exc)) from None
    elif request.content_type.startswith("application/json"):
        raw, parts = _raw(request), []
    else:
        raise ApiError(
            400, "Statements are sent as application/json or multipart/mixed."
        )
    # 9274 4.2.1: a 2.0 statement must not use a property more than once.
    unique_keys = versions.spoken() == versions.V2
    return inputs.json_parse(raw, "statements", unique_keys=unique_keys), parts


def _raw(request) -> bytes:
    """The request body; 413 past Django's DATA_UPLOAD_MAX_MEMORY_SIZE."""
    try:
        return request.body
    except RequestDataTooBig:
        # Comm. 3.2.s3.b11: statements or attachments over the size limit.
        raise ApiError(413, "The request is larger than this LRS accepts.") from None


def _statements_store(
    request, batch: list[dict], parts: list[attachments.Part]
) -> list[str]:
    """Store statements with their attachment data, all of it or nothing."""
    data = attachments.attachments_received(
        statements=batch,
        parts=parts,
        multipart=request.content_type == "multipart/mixed",
    )
    return services.statements_store(
        statements=batch,
        authority=clients.client_authority(request.lrs_client),
        attachments=data,
    )


def _statements_post(request) -> HttpResponse:
    body, parts = _statements_body(request)
    batch = body if isinstance(body, list) else [body]
    if not all(isinstance(s, dict) for s in batch):
        raise ApiError(400, "statement: each statement must be a JSON object.")
    return JsonResponse(_statements_store(request, batch, parts), safe=False)


def _statements_put(request) -> HttpResponse:
    statement_id = _uuid_param(request.GET, "statementId", required=True)
    statement, parts = _statements_body(request)
    if not isinstance(statement, dict):
        raise ApiError(400, "statement: the body must be one JSON object.")
    if "id" in statement and _parse_uuid(statement["id"], "id") != statement_id:
        raise ApiError(400, "id: the statement id differs from statementId.")
    _statements_store(request, [{**statement, "id": str(statement_id)}], parts)
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
    query, after = _query(request)
    filters, limit = query["filters"], query["limit"]
    # Queries may lag a moment: from the replica if there is one, which the
    # Consistent-Through header then speaks of (common.db_routing).
    with reads_from_replica() as request.xapi_read_from:
        rows = selectors.statements_filter(**filters, agent_in_object=True, after=after)
        page = list(rows.values_list("data", "stored", "id")[: limit + 1])
    statements_out = [
        _format(data, query["format"], request) for data, _, _ in page[:limit]
    ]
    result = {"statements": statements_out, "more": ""}
    if len(page) > limit:
        result["more"] = _more_link(request, page[limit - 1], query)
        if params.get("attachments") == "true":
            # The token keeps the query; the next page wants the attachments too.
            result["more"] += "&attachments=true"
    response = _statements_response(
        request, result, [data for data, _, _ in page[:limit]]
    )
    if page:
        # 9274 4.1.6.1: the most recent "stored" of the statements returned.
        newest = max(stored for _, stored, _ in page[:limit])
        response["Last-Modified"] = http_date(newest.timestamp())
    return response


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
    response = _statements_response(request, _format(found, fmt, request), [found])
    # Comm. 2.1.3.s2.b8: the stored time, as HTTP dates are written.
    stored = datetime.fromisoformat(found["stored"])
    response["Last-Modified"] = http_date(stored.timestamp())
    return response


def _statements_response(request, result: dict, statements: list[dict]) -> HttpResponse:
    """JSON; with attachments=true, multipart/mixed with the attachments' data.

    Comm. 2.1.3.s2.b6/b7: the statement(s) first, then each attachment stored.
    """
    if request.GET.get("attachments") != "true":
        return JsonResponse(result)
    first = json.dumps(result, cls=DjangoJSONEncoder).encode()
    content_type, body = multipart_build(
        first,
        [
            (stored.sha2, stored.content_type, bytes(stored.content))
            for stored in attachments.attachments_of(statements)
        ],
    )
    return HttpResponse(body, content_type=content_type)


# A storing transaction stamps its statements' "stored" time before it
# commits, so one still open may later show statements stored "earlier" than a
# read made now. services.STAMP_TO_COMMIT bounds the stamp-to-commit time (a
# slower store is rolled back and stamped again); the second below is for the
# commit itself to become visible.
STORE_TRANSACTION_BOUND = services.STAMP_TO_COMMIT + timedelta(seconds=1)


def _consistent_through(alias: str = "default") -> str:
    # Comm. 2.1.3: every statement whose "stored" is before this instant is
    # readable now; as recent as the bound above allows.
    return (_visible_through(alias) - STORE_TRANSACTION_BOUND).isoformat()


# A replica that has replayed all it received is as fresh as the primary was
# when it sent it (a moment ago); one behind is as fresh as its last replay.
_REPLICA_FRESHNESS = """
SELECT CASE
    WHEN NOT pg_is_in_recovery()
      OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN now()
    ELSE pg_last_xact_replay_timestamp()
END
"""


def _visible_through(alias: str) -> datetime:
    connection = connections[alias]
    if alias == "default" or connection.vendor != "postgresql":
        return timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(_REPLICA_FRESHNESS)
        (moment,) = cursor.fetchone()
    return moment or datetime(1970, 1, 1, tzinfo=UTC)  # it never replayed yet


def _may_read(client, statement: dict) -> bool:
    if clients.client_can(client, Scope.STATEMENTS_READ):
        return True
    # By IFI, as statements_filter does: a renamed client still owns its own.
    own = agent_key(clients.client_authority(client))
    return agent_key(statement.get("authority", {})) == own


def _query(request) -> tuple[dict, tuple | None]:
    """Filters, limit and format of a query, from its parameters or its more link.

    What a client may read is always that of the client asking: a more link
    handed to another client does not carry the first one's rights.
    """
    if "more" in request.GET:
        query, after = _from_more(request.GET["more"])
    else:
        query, after = _query_from_params(request), None
    query["filters"].pop("authority", None)
    if not clients.client_can(request.lrs_client, Scope.STATEMENTS_READ):
        query["filters"]["authority"] = clients.client_authority(request.lrs_client)
    return query, after


def _query_from_params(request) -> dict:
    params = request.GET
    return {
        "filters": _filters(params),
        "limit": _limit(params),
        "format": _format_param(params),
    }


def _filters(params) -> dict:
    filters: dict = {
        name: params.get(name, "false") == "true"
        for name in ("ascending", "related_agents", "related_activities")
    }
    # Statements targeting a match match too (Comm. 2.1.3.s3).
    filters["statement_refs"] = True
    if "agent" in params:
        filters["agent"] = agent_from_json(params["agent"])
    for name in ("verb", "activity"):
        if name in params:
            filters[name] = iri_parameter(params[name], name)
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


def _from_more(token: str) -> tuple[dict, tuple]:
    try:
        state = signing.loads(token, salt="xapi.more", max_age=24 * 3600)
    except signing.BadSignature:
        raise ApiError(400, "more: this link is invalid or has expired.") from None
    filters = state["filters"]
    for name in ("since", "until"):
        if filters.get(name):
            filters[name] = datetime.fromisoformat(filters[name])
    stored, statement_id = state["after"]
    after = (datetime.fromisoformat(stored), statement_id)
    # Links made before the format was kept in them still work, as exact.
    query = {
        "filters": filters,
        "limit": state.get("limit", MAX_LIMIT),
        "format": state.get("format", "exact"),
    }
    return query, after


def _limit(params) -> int:
    limit = inputs.integer_parse(params.get("limit", "0"), "limit")
    return MAX_LIMIT if limit == 0 else min(limit, MAX_LIMIT)


def _parse_uuid(value, name: str) -> UUID:
    return UUID(inputs.uuid_check(value, name))


def _uuid_param(params, name: str, *, required: bool = False) -> UUID | None:
    if name not in params:
        if required:
            raise ApiError(400, f"The {name} parameter is required.")
        return None
    return _parse_uuid(params[name], name)


def agent_from_json(raw: str) -> dict:
    """An agent (or group) query parameter, parsed and validated."""
    agent = inputs.json_parse(raw, "agent")
    if not isinstance(agent, dict):
        raise ApiError(400, "agent: must be an Agent or Group as JSON.")
    try:
        validate_actor(agent, path="agent")
    except StatementInvalid as exc:
        raise ApiError(400, str(exc)) from None
    inputs.agent_key_check(agent_key(agent), "agent")
    return agent


def _timestamp_param(params, name: str) -> datetime:
    value = inputs.timestamp_parse(params[name], name)
    if value.tzinfo is None:
        raise ApiError(400, f"{name}: the timestamp needs a time zone.")
    return value


def _check_booleans(params) -> None:
    for name in BOOLEAN_PARAMETERS:
        if params.get(name, "false") not in ("true", "false"):
            raise ApiError(400, f"{name}: true or false is expected.")


def _format_param(params) -> str:
    fmt = params.get("format", "exact")
    if fmt not in FORMATS:
        raise ApiError(400, f"format: one of {', '.join(FORMATS)}.")
    return fmt


def _format(statement: dict, fmt: str, request) -> dict:
    statement = context_activities_as_lists(statement)
    if fmt == "ids":
        return statement_ids_format(statement)
    if fmt == "canonical":
        languages = accepted_languages(request.headers.get("Accept-Language", ""))
        return statement_canonical_format(statement, languages)
    return statement


def not_found(request, exception=None):
    """The 404 of xAPI-only processes: JSON, like every other LRS answer."""
    return error(404, f"No xAPI resource at {request.path}.")
