"""Input that Python, SQLite or PostgreSQL cannot hold is a 400, never a 500.

Each class of bad input (NUL characters, lone surrogates, dates outside years 1
to 9999, deep nesting, digits other than ASCII ones, values longer than their
column) is tried on every string of a statement, every parameter of every
resource and every header the LRS reads; nothing is stored on refusal.
"""

from __future__ import annotations

import base64
import copy
import json
import uuid
from collections.abc import Iterator
from urllib.parse import quote, urlencode

import pytest

from tests.xapi.test_validation import MBOX_AGENT, STATEMENT_REF, realistic_statement
from xapi.clients import client_create
from xapi.inputs import MAX_JSON_DEPTH, InputInvalid, json_parse
from xapi.models import (
    Attachment,
    Document,
    OutboxEntry,
    Statement,
    StatementActivity,
    StatementAgent,
    StatementAttachment,
    StatementTarget,
)

pytestmark = pytest.mark.django_db

STATEMENTS = "/xapi/statements"
STATE = "/xapi/activities/state"
ACTIVITY_PROFILE = "/xapi/activities/profile"
AGENT_PROFILE = "/xapi/agents/profile"
ACTIVITIES = "/xapi/activities"
AGENTS = "/xapi/agents"
QUIZ = "http://example.com/xapi/activities/quiz-1"
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
AGENT = json.dumps({"objectType": "Agent", "mbox": "mailto:alice@example.com"})
REGISTRATION = "ec531277-b57b-4c15-8d91-d292c5b2b8f7"
SINCE = "2024-01-01T00:00:00Z"
JSON_DOCUMENT = b'{"bookmark": 3}'
STORED_MODELS = (
    Statement,
    StatementAgent,
    StatementActivity,
    StatementTarget,
    StatementAttachment,
    Attachment,
    OutboxEntry,
    Document,
)
# A lone high surrogate, as UTF-8 would encode it were that allowed (CESU-8).
SURROGATE_BYTES = b"\xed\xa0\x80"
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
LONG = 5000


class Lrs:
    """A client with every scope, sending raw query strings and bodies."""

    def __init__(self, http):
        self.http = http
        record, secret = client_create(name=f"c-{uuid.uuid4()}", scopes=["all"])
        credentials = f"{record.key}:{secret}".encode()
        self.headers = {
            "HTTP_AUTHORIZATION": "Basic " + base64.b64encode(credentials).decode(),
            "HTTP_X_EXPERIENCE_API_VERSION": "1.0.3",
        }

    def send(self, method, path, query="", body=b"", content_type=None, **headers):
        return self.http.generic(
            method,
            f"{path}?{query}" if query else path,
            data=body,
            content_type=content_type or "application/json",
            **{**self.headers, **headers},
        )

    def post_statement(self, body: bytes | str | object):
        if not isinstance(body, bytes | str):
            body = json.dumps(body)
        return self.send("POST", STATEMENTS, body=body)


@pytest.fixture
def lrs(client):
    return Lrs(client)


def stored_rows() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in STORED_MODELS)


def assert_refused(response, status: int = 400) -> None:
    """The status, a JSON message, and (checked by the caller) nothing stored."""
    assert response.status_code == status, response.content[:300]
    assert response.json()["error"]


def assert_stored_as_sent(response, statement: dict) -> dict:
    """Accepted, and stored as it was sent but for what the LRS sets itself."""
    assert response.status_code == 200, response.content[:300]
    assert response.json() == [statement["id"]]
    stored = Statement.objects.get(pk=statement["id"]).data
    assert {k: v for k, v in stored.items() if k in statement} == statement
    return stored


# -- statements: every string ------------------------------------------------------


def rich_statement() -> dict:
    """The realistic statement with extensions, an instructor and an attachment."""
    statement = realistic_statement()
    statement["result"]["extensions"] = {
        "http://example.com/ext/answers": {"first": ["a", {"note": "b"}], "n": 2}
    }
    statement["context"]["instructor"] = copy.deepcopy(MBOX_AGENT)
    statement["context"]["statement"] = copy.deepcopy(STATEMENT_REF)
    statement["context"]["extensions"] = {"http://example.com/ext/seat": "A-12"}
    statement["attachments"] = [
        {
            "usageType": "http://example.com/usage/certificate",
            "display": {"en-US": "Certificate"},
            "description": {"en-US": "The learner's certificate"},
            "contentType": "application/pdf",
            "length": 1024,
            "sha2": "a" * 64,
            "fileUrl": "http://example.com/certificate.pdf",
        }
    ]
    return statement


def substatement_statement() -> dict:
    """A statement whose object is a SubStatement with context and result."""
    statement = realistic_statement()
    inner = realistic_statement()
    for key in ("id", "attachments"):
        inner.pop(key, None)
    statement["object"] = {"objectType": "SubStatement", **inner}
    statement["context"].pop("platform")
    return statement


STATEMENT_BUILDERS = {"rich": rich_statement, "substatement": substatement_statement}


def string_leaves(value, path=()) -> Iterator[tuple]:
    """The path of every string value and ("key", path) of every object key."""
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, child in value.items():
            yield ("key", *path, key)
            yield from string_leaves(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from string_leaves(child, (*path, index))


def with_injected(statement: dict, leaf: tuple, text: str) -> dict:
    """A copy of ``statement`` with ``text`` inside the string or key at ``leaf``."""
    statement = copy.deepcopy(statement)
    is_key = leaf[:1] == ("key",)
    path = leaf[1:] if is_key else leaf
    parent = statement
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if is_key:
        parent[f"{last[:4]}{text}{last[4:]}"] = parent.pop(last)
    else:
        parent[last] = f"{parent[last][:4]}{text}{parent[last][4:]}"
    return statement


def leaf_cases() -> Iterator:
    for name, build in STATEMENT_BUILDERS.items():
        for leaf in string_leaves(build()):
            label = ".".join(str(step) for step in leaf)
            yield pytest.param(name, leaf, id=f"{name}:{label}")


@pytest.mark.parametrize("name", STATEMENT_BUILDERS)
def test_the_statements_injected_below_are_accepted_as_they_are(lrs, name):
    statement = STATEMENT_BUILDERS[name]()

    assert_stored_as_sent(lrs.post_statement(statement), statement)


@pytest.mark.parametrize(("name", "leaf"), list(leaf_cases()))
def test_a_nul_in_any_string_or_key_of_a_statement_is_400(lrs, name, leaf):
    before = stored_rows()
    statement = with_injected(STATEMENT_BUILDERS[name](), leaf, "\x00")
    assert_refused(lrs.post_statement(statement))  # sent as the escape \u0000
    assert stored_rows() == before


@pytest.mark.parametrize(("name", "leaf"), list(leaf_cases()))
def test_a_lone_surrogate_in_any_string_or_key_of_a_statement_is_400(lrs, name, leaf):
    before = stored_rows()
    statement = with_injected(STATEMENT_BUILDERS[name](), leaf, "\ud800")
    escaped = json.dumps(statement)  # "\ud800", an escape JSON allows
    encoded = json.dumps(statement, ensure_ascii=False).encode("utf-8", "surrogatepass")
    assert_refused(lrs.post_statement(escaped))
    assert_refused(lrs.post_statement(encoded))  # the bytes ED A0 80
    assert stored_rows() == before


def test_a_surrogate_pair_is_one_character_and_accepted(lrs):
    statement = rich_statement()
    statement["result"]["response"] = "\U0001f600"  # sent as \ud83d\ude00
    stored = assert_stored_as_sent(lrs.post_statement(statement), statement)
    assert len(stored["result"]["response"]) == 1


# -- statements: identifiers longer than their columns ------------------------------


def long_iri() -> str:
    return "http://example.com/" + "a" * LONG


def long_mbox() -> str:
    return "mailto:" + "a" * LONG + "@example.com"


LONG_IDENTIFIERS = {
    "verb.id": long_iri,
    "object.id": long_iri,
    "context.contextActivities.parent.0.id": long_iri,
    "actor.account.name": lambda: "a" * LONG,
    "actor.account.homePage": long_iri,
    "context.instructor.mbox": long_mbox,
    "attachments.0.contentType": lambda: "application/" + "a" * LONG,
}


@pytest.mark.parametrize("dotted", LONG_IDENTIFIERS)
def test_identifiers_longer_than_their_columns_are_400(lrs, dotted):
    statement = rich_statement()
    steps = [int(step) if step.isdigit() else step for step in dotted.split(".")]
    parent = statement
    for step in steps[:-1]:
        parent = parent[step]
    parent[steps[-1]] = LONG_IDENTIFIERS[dotted]()
    before = stored_rows()
    assert_refused(lrs.post_statement(statement))
    assert stored_rows() == before


def test_a_group_member_with_a_long_identifier_is_400(lrs):
    statement = rich_statement()
    statement["actor"] = {
        "objectType": "Group",
        "member": [{"mbox": long_mbox()}, copy.deepcopy(MBOX_AGENT)],
    }
    before = stored_rows()
    assert_refused(lrs.post_statement(statement))
    assert stored_rows() == before


# -- statements: timestamps ---------------------------------------------------------

BAD_TIMESTAMPS = [
    "0000-01-01T00:00:00Z",  # year 0: neither Python nor ISO 8601 basic years
    "9999-12-31T23:59:59-01:00",  # year 10000 once in UTC
    "0001-01-01T00:30:00+01:00",  # year 0 once in UTC
    "+10000-01-01T00:00:00Z",
    "١٠٠٠-01-01T00:00:00Z",  # Arabic-Indic digits
]


@pytest.mark.parametrize("field", ["timestamp", "stored"])
@pytest.mark.parametrize("value", BAD_TIMESTAMPS)
def test_timestamps_outside_years_1_to_9999_are_400(lrs, field, value):
    statement = rich_statement()
    statement[field] = value
    before = stored_rows()
    assert_refused(lrs.post_statement(statement))
    assert stored_rows() == before


def test_a_substatement_timestamp_out_of_range_is_400(lrs):
    statement = substatement_statement()
    statement["object"]["timestamp"] = "9999-12-31T23:59:59-01:00"
    assert_refused(lrs.post_statement(statement))


def test_the_last_instant_of_year_9999_in_utc_is_stored(lrs):
    statement = rich_statement()
    statement["timestamp"] = "9999-12-31T23:59:59.999Z"
    assert_stored_as_sent(lrs.post_statement(statement), statement)
    row = Statement.objects.get(pk=statement["id"])
    assert (row.timestamp.year, row.timestamp.month, row.timestamp.day) == (
        9999,
        12,
        31,
    )


# -- statements: nesting and numbers ------------------------------------------------


def nested(depth: int) -> str:
    """JSON text of objects nested ``depth`` deep."""
    return '{"a":' * depth + "1" + "}" * depth


def with_extension(raw_value: str) -> str:
    """The rich statement's JSON with ``raw_value`` as an extension value, verbatim."""
    statement = rich_statement()
    statement["result"]["extensions"] = {"http://example.com/ext/x": "PLACEHOLDER"}
    return json.dumps(statement).replace('"PLACEHOLDER"', raw_value)


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH, 10_000, 200_000])
def test_extensions_nested_too_deep_are_400(lrs, depth):
    before = stored_rows()
    assert_refused(lrs.post_statement(with_extension(nested(depth))))
    assert_refused(lrs.post_statement(f"[{with_extension(nested(depth))}]"))
    assert stored_rows() == before


def test_arrays_nested_too_deep_are_400(lrs):
    deep = "[" * 10_000 + "]" * 10_000
    assert_refused(lrs.post_statement(with_extension(deep)))


def test_extensions_nested_within_the_limit_are_stored(lrs):
    # The statement's own levels come on top of the extension's.
    raw = with_extension(nested(MAX_JSON_DEPTH - 10))
    assert_stored_as_sent(lrs.post_statement(raw), json.loads(raw))


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_numbers_json_does_not_have_are_400(lrs, number):
    before = stored_rows()
    assert_refused(lrs.post_statement(with_extension(number)))
    assert stored_rows() == before


def test_brackets_inside_strings_do_not_count_as_nesting():
    text = json.dumps({"a": "{" * 1000 + "[" * 1000, "b": '\\"{{{'})
    assert json_parse(text, "body")["a"].startswith("{{")


def test_an_escaped_backslash_before_u0000_is_text_not_a_nul():
    assert json_parse(r'["\\u0000", "\\ud800"]', "body") == ["\\u0000", "\\ud800"]


def test_unbalanced_brackets_are_invalid_json_not_a_crash():
    for text in ['"' + "{" * 5000, "{" * 5000 + '"', "]" * 5000 + "[" * 5000]:
        with pytest.raises(InputInvalid):
            json_parse(text, "body")


# -- every parameter of every resource ----------------------------------------------

PUT_STATEMENT_ID = "5f1a4b8e-2c9d-4e3f-8a7b-1c2d3e4f5a6b"
# (method, path, parameters); each is valid as it stands (see the test below).
REQUESTS = [
    (
        "GET",
        STATEMENTS,
        {
            "agent": AGENT,
            "verb": ANSWERED,
            "activity": QUIZ,
            "registration": REGISTRATION,
            "since": SINCE,
            "until": "2030-01-01T00:00:00+01:00",
            "limit": "10",
            "format": "exact",
            "attachments": "false",
            "ascending": "false",
            "related_activities": "false",
            "related_agents": "false",
        },
    ),
    ("GET", STATEMENTS, {"statementId": REGISTRATION, "format": "ids"}),
    ("GET", STATEMENTS, {"voidedStatementId": REGISTRATION}),
    ("PUT", STATEMENTS, {"statementId": PUT_STATEMENT_ID}),
    *[
        (
            method,
            STATE,
            {
                "activityId": QUIZ,
                "agent": AGENT,
                "registration": REGISTRATION,
                "stateId": "bookmark",
            },
        )
        for method in ("GET", "PUT", "POST", "DELETE")
    ],
    ("GET", STATE, {"activityId": QUIZ, "agent": AGENT, "since": SINCE}),
    ("DELETE", STATE, {"activityId": QUIZ, "agent": AGENT}),
    *[
        (method, ACTIVITY_PROFILE, {"activityId": QUIZ, "profileId": "settings"})
        for method in ("GET", "PUT", "POST", "DELETE")
    ],
    ("GET", ACTIVITY_PROFILE, {"activityId": QUIZ, "since": SINCE}),
    *[
        (method, AGENT_PROFILE, {"agent": AGENT, "profileId": "preferences"})
        for method in ("GET", "PUT", "POST", "DELETE")
    ],
    ("GET", AGENT_PROFILE, {"agent": AGENT, "since": SINCE}),
    ("GET", ACTIVITIES, {"activityId": QUIZ}),
    ("GET", AGENTS, {"agent": AGENT}),
]
# Parameters whose digits are digits: numbers, UUIDs and timestamps.
NUMERIC_PARAMETERS = {
    "limit",
    "registration",
    "statementId",
    "voidedStatementId",
    "since",
    "until",
}
JSON_PARAMETERS = {"agent"}


def body_for(method: str, path: str, params: dict) -> bytes:
    if method not in ("PUT", "POST"):
        return b""
    if path == STATEMENTS:
        statement = rich_statement()
        statement["id"] = PUT_STATEMENT_ID
        return json.dumps(statement).encode()
    return JSON_DOCUMENT


def query_of(params: dict) -> str:
    """A query string; bytes values are percent-encoded as they are."""
    return "&".join(
        f"{quote(name)}={quote(value, safe='')}" for name, value in params.items()
    )


def bad_values(name: str, value: str) -> Iterator[tuple[str, str | bytes]]:
    """(label, value) for each bad form of a parameter's value."""
    middle = len(value) // 2
    yield "nul-end", value + "\x00"
    yield "nul-middle", value[:middle] + "\x00" + value[middle:]
    yield "surrogate", value.encode() + SURROGATE_BYTES
    yield (
        "surrogate-middle",
        value[:middle].encode() + SURROGATE_BYTES + value[middle:].encode(),
    )
    yield "long", value + "x" * LONG
    if name in NUMERIC_PARAMETERS:
        yield "arabic-indic-digits", value.translate(ARABIC_INDIC)
        yield "superscript-digit", value.replace("1", "²", 1).replace("0", "²", 1)
        yield "many-digits", "9" * LONG
    if name in JSON_PARAMETERS:
        account = {"homePage": "http://example.com", "name": "alice"}
        for label, text in [("nul-escape", "\x00"), ("surrogate-escape", "\ud800")]:
            agent = {"account": {**account, "name": f"al{text}ice"}}
            yield label, json.dumps(agent)
        yield "long-identifier", json.dumps({"mbox": long_mbox()})
        yield "deep", '{"account":' * 10_000 + "1" + "}" * 10_000
        yield "nan", '{"mbox": "mailto:alice@example.com", "name": NaN}'


def parameter_cases() -> Iterator:
    for method, path, params in REQUESTS:
        for name, value in params.items():
            for label, bad in bad_values(name, value):
                yield pytest.param(
                    method,
                    path,
                    {**params, name: bad},
                    id=f"{method}-{path}-{name}-{label}",
                )


@pytest.mark.parametrize(("method", "path", "params"), REQUESTS)
def test_the_requests_spoiled_below_are_valid_as_they_are(lrs, method, path, params):
    before = stored_rows()
    response = lrs.send(method, path, query_of(params), body_for(method, path, params))
    if method in ("PUT", "POST"):
        # What is written is there: statements and documents alike.
        assert response.status_code == 204, response.content
        assert stored_rows() != before
    else:
        # Nothing to find is fine; what matters is that the request was read.
        assert response.status_code in (200, 204, 404), response.content
        assert stored_rows() == before


@pytest.mark.parametrize(("method", "path", "params"), list(parameter_cases()))
def test_every_parameter_refuses_bad_text_digits_and_lengths(lrs, method, path, params):
    before = stored_rows()
    response = lrs.send(method, path, query_of(params), body_for(method, path, params))
    assert_refused(response)
    assert stored_rows() == before


def test_a_bad_parameter_name_is_400(lrs):
    for name in ("state\x00Id", b"state" + SURROGATE_BYTES):
        query = query_of({"activityId": QUIZ, "agent": AGENT}) + f"&{quote(name)}=x"
        assert_refused(lrs.send("GET", STATE, query))


# -- headers ------------------------------------------------------------------------


def put_state(lrs: Lrs, content_type: str = "application/json", **headers):
    params = {"activityId": QUIZ, "agent": AGENT, "stateId": "bookmark"}
    return lrs.send(
        "PUT", STATE, query_of(params), JSON_DOCUMENT, content_type, **headers
    )


@pytest.mark.parametrize(
    "content_type",
    ["application/json\x00", "application/x-" + "a" * 300, "text/plain; q=\x00"],
)
def test_a_document_content_type_that_cannot_be_stored_is_400(lrs, content_type):
    before = stored_rows()
    assert_refused(put_state(lrs, content_type))
    assert stored_rows() == before


@pytest.mark.parametrize(
    "header",
    ["HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH", "HTTP_X_EXPERIENCE_API_VERSION"],
)
@pytest.mark.parametrize("value", ['"abc\x00"', '"' + "a" * LONG + '"'])
def test_read_headers_with_a_nul_or_too_long_are_400(lrs, header, value):
    before = stored_rows()
    assert_refused(put_state(lrs, **{header: value}))
    assert stored_rows() == before


def test_credentials_with_a_nul_are_refused(lrs):
    assert_refused(put_state(lrs, HTTP_AUTHORIZATION="Basic abc\x00"))
    encoded_nul = base64.b64encode(b"key\x00:secret").decode()
    assert_refused(put_state(lrs, HTTP_AUTHORIZATION=f"Basic {encoded_nul}"), 401)


# -- documents: merged and stored JSON ----------------------------------------------

DOCUMENT_PARAMS = {
    STATE: {"activityId": QUIZ, "agent": AGENT, "stateId": "bookmark"},
    ACTIVITY_PROFILE: {"activityId": QUIZ, "profileId": "settings"},
    AGENT_PROFILE: {"agent": AGENT, "profileId": "preferences"},
}
BAD_JSON_DOCUMENTS = {
    "deep": ('{"a":' + nested(10_000) + "}").encode(),
    "just-too-deep": nested(MAX_JSON_DEPTH + 1).encode(),
    "nul": b'{"a": "x\\u0000"}',
    "surrogate-escape": b'{"a": "\\ud800"}',
    "surrogate-bytes": b'{"a": "' + SURROGATE_BYTES + b'"}',
    "nan": b'{"a": NaN}',
}


@pytest.mark.parametrize("path", DOCUMENT_PARAMS)
@pytest.mark.parametrize("method", ["PUT", "POST"])
@pytest.mark.parametrize("body", BAD_JSON_DOCUMENTS.values(), ids=BAD_JSON_DOCUMENTS)
def test_json_documents_that_cannot_be_merged_are_400(lrs, path, method, body):
    query = query_of(DOCUMENT_PARAMS[path])
    # A document is already there, so that a POST merges.
    created = lrs.send("PUT", path, query, JSON_DOCUMENT, HTTP_IF_NONE_MATCH="*")
    assert created.status_code == 204
    before = stored_rows()
    response = lrs.send(method, path, query, body, HTTP_IF_MATCH="*")
    assert_refused(response)
    assert stored_rows() == before
    stored = lrs.send("GET", path, query)
    assert stored.content == JSON_DOCUMENT


def test_a_document_nested_within_the_limit_merges(lrs):
    query = query_of(DOCUMENT_PARAMS[STATE])
    assert lrs.send("PUT", STATE, query, JSON_DOCUMENT).status_code == 204
    body = ('{"deep":' + nested(MAX_JSON_DEPTH - 1) + "}").encode()
    assert lrs.send("POST", STATE, query, body).status_code == 204
    assert json.loads(lrs.send("GET", STATE, query).content)["bookmark"] == 3


def test_a_non_json_document_is_stored_as_bytes_whatever_they_are(lrs):
    query = query_of(DOCUMENT_PARAMS[STATE])
    body = b"\x00" + SURROGATE_BYTES
    response = lrs.send("PUT", STATE, query, body, "application/octet-stream")
    assert response.status_code == 204
    assert lrs.send("GET", STATE, query).content == body


# -- the alternate request syntax ---------------------------------------------------


def alternate(lrs: Lrs, method: str, form: bytes | str, path: str = STATEMENTS):
    credentials = {
        "Authorization": lrs.headers["HTTP_AUTHORIZATION"],
        "X-Experience-API-Version": "1.0.3",
    }
    body = urlencode(credentials) + "&" + (form if isinstance(form, str) else "")
    if isinstance(form, bytes):
        body = body.encode() + form
    return lrs.http.post(
        f"{path}?method={method}",
        body,
        content_type="application/x-www-form-urlencoded",
    )


@pytest.mark.parametrize(
    "form",
    [
        "content=" + quote(json.dumps({"actor": {"name": "\x00"}})),
        "content=" + quote(json.dumps(rich_statement()).replace("Alice", "\\ud800")),
        b"content=" + quote(SURROGATE_BYTES).encode(),
        "Content-Type=" + quote("application/json\x00") + "&content=%7B%7D",
        "If-Match=" + quote("a" * LONG),
    ],
    ids=["nul", "surrogate-escape", "surrogate-bytes", "content-type-nul", "long"],
)
def test_alternate_syntax_forms_with_bad_input_are_400(lrs, form):
    before = stored_rows()
    assert_refused(alternate(lrs, "POST", form))
    assert stored_rows() == before


def test_alternate_syntax_document_with_a_long_content_type_is_400(lrs):
    query = urlencode({**DOCUMENT_PARAMS[STATE], "stateId": "bookmark"})
    form = f"{query}&Content-Type=application/x-{'a' * 300}&content=x"
    before = stored_rows()
    assert_refused(alternate(lrs, "PUT", form, STATE))
    assert stored_rows() == before
