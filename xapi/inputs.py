"""Raw input of the LRS: what JSON bodies, parameters and headers must be.

Every byte a client sends passes here before anything else reads it, so that
input Python, SQLite or PostgreSQL cannot hold is a 400 naming the culprit, never
a 500 from deep inside: NUL characters (PostgreSQL refuses them in text and
jsonb), lone surrogates (not encodable as UTF-8), JSON nested deep enough to
exhaust recursion, numbers JSON does not have (NaN, Infinity), digits other than
ASCII ones, dates outside years 1 to 9999 and values longer than their column.
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime
from itertools import accumulate
from urllib.parse import unquote_to_bytes

from xapi.models import Document, Statement

# Far deeper than a statement's own structure (about ten levels) with extensions
# that any real activity sends, and shallow enough that every recursive step
# after parsing (validation, json.dumps, equality, PostgreSQL's jsonb) is safe.
MAX_JSON_DEPTH = 100
# The headers the LRS reads; their values are compared, never stored, except
# Content-Type (a document's type), which is capped by its column instead.
READ_HEADERS = (
    "Authorization",
    "X-Experience-API-Version",
    "If-Match",
    "If-None-Match",
    "Accept-Language",
)
HEADER_MAX_LENGTH = 1024
# Integers are small here (limit): more digits than this are not a count.
MAX_INTEGER_DIGITS = 9

# Removed in turn, escapes, then strings, then anything but brackets leave the
# brackets outside strings (and the quote of an unterminated string).
_ESCAPE = re.compile(r"\\.", re.DOTALL)
_STRING = re.compile(r'"[^"]*"')
_NOT_BRACKET = re.compile(r'[^"\[\]{}]+')
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1, '"': 0}
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# \u0000 and surrogate escapes; a pair (an emoji) is harmless but also matches.
_RISKY_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")
_ASCII_INTEGER = re.compile(r"[0-9]+", re.ASCII).fullmatch
# 4.4: the standard string form only (UUID() also takes braces, "urn:uuid:" and
# digits of any script, through int()).
_UUID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
).fullmatch


class InputInvalid(Exception):
    """Input the LRS cannot read or store; ``field`` names it for the client."""

    code = "input_invalid"
    status = 400

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


def column_length(model, field: str) -> int:
    """The max_length of a model's column: the one number that caps its values."""
    return model._meta.get_field(field).max_length


def _parameter_lengths() -> dict[str, int]:
    """Query parameters stored in, or compared with, a column: that column's size."""
    document_id = column_length(Document, "document_id")
    return {
        "activityId": column_length(Document, "activity_id"),
        "activity": column_length(Statement, "activity_id"),
        "verb": column_length(Statement, "verb_id"),
        "stateId": document_id,
        "profileId": document_id,
    }


PARAMETER_LENGTHS = _parameter_lengths()
CONTENT_TYPE_LENGTH = column_length(Document, "content_type")
AGENT_KEY_LENGTH = column_length(Statement, "actor_key")


# -- text ---------------------------------------------------------------------------


def text_check(value: str, field: str, max_length: int | None = None) -> str:
    """``value`` unless it holds a NUL or a lone surrogate, or exceeds max_length."""
    bad = _UNSTORABLE.search(value)
    if bad is not None:
        what = "a NUL character" if bad.group() == "\x00" else "a lone surrogate"
        raise InputInvalid(field, f"contains {what}, which this LRS cannot store.")
    if max_length is not None and len(value) > max_length:
        raise InputInvalid(
            field, f"is {len(value)} characters long; this LRS holds {max_length}."
        )
    return value


def utf8_decode(raw: bytes, field: str) -> str:
    """Strict UTF-8: encoded surrogates (ED A0 80) are refused, not replaced."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputInvalid(field, f"is not valid UTF-8 ({exc.reason}).") from None


def urlencoded_check(encoded: str | bytes, field: str) -> None:
    """A query string or form whose percent-escapes decode as strict UTF-8.

    Django decodes them replacing bad bytes with U+FFFD: the client's value
    would silently become another one.
    """
    if isinstance(encoded, str):
        # WSGI and ASGI both hand the query string over as Latin-1.
        encoded = encoded.encode("iso-8859-1", errors="replace")
    utf8_decode(unquote_to_bytes(encoded.replace(b"+", b" ")), field)


# -- JSON ---------------------------------------------------------------------------


def json_parse(raw: bytes | str, field: str, *, unique_keys: bool = False) -> object:
    """JSON that every later step can read, store and serialise, or InputInvalid.

    ``unique_keys``: an object naming a property twice is refused, where the
    JSON parser would keep the last (xAPI 2.0 statements, 9274 4.2.1).
    """
    text = utf8_decode(raw, field) if isinstance(raw, bytes) else raw
    depth = _json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise InputInvalid(
            field, f"is nested {depth} levels deep; this LRS reads {MAX_JSON_DEPTH}."
        )
    try:
        value = json.loads(
            text,
            parse_constant=_no_constant,
            parse_float=_finite_float,
            object_pairs_hook=_unique_keys if unique_keys else None,
        )
    except _DuplicateKey as exc:
        raise InputInvalid(
            field, f"names the property {exc.args[0]!r} twice in one object."
        ) from None
    except RecursionError:
        # Unbalanced brackets can fool the depth count; the parser stops safely.
        raise InputInvalid(field, "is nested too deep.") from None
    except ValueError as exc:
        raise InputInvalid(field, f"is not valid JSON: {exc}") from None
    if _UNSTORABLE.search(text) or _RISKY_ESCAPE.search(text):
        # Only these escapes (or a str given with such characters) can put a NUL
        # or a lone surrogate in a parsed string: others need no walk.
        json_strings_check(value, field)
    return value


class _DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    found = dict(pairs)
    if len(found) < len(pairs):
        seen = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return found


def _json_depth(text: str) -> int:
    """How deep brackets nest outside strings, counted without recursion."""
    if "\\" in text:
        text = _ESCAPE.sub("", text)  # so that \" does not end a string
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_BRACKET_STEP.__getitem__, brackets)), default=0)


def _no_constant(name: str) -> float:
    # NaN and Infinity are not JSON (RFC 8259 6); PostgreSQL's jsonb refuses them.
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text[:20]} is too large for a number")
    return number


def json_strings_check(value: object, field: str) -> None:
    """Every key and string in a parsed JSON value is storable text.

    Iterative: the value was parsed, but may still be deep for a recursion.
    """
    pending = [(value, field)]
    while pending:
        item, path = pending.pop()
        if isinstance(item, str):
            text_check(item, path)
        elif isinstance(item, dict):
            for key, child in item.items():
                text_check(key, f"{path} (a key)")
                pending.append((child, f"{path}.{key}"))
        elif isinstance(item, list):
            pending.extend((child, f"{path}[{i}]") for i, child in enumerate(item))


# -- parameters and headers ---------------------------------------------------------


def parameters_check(params) -> None:
    """Every query parameter is storable text, no longer than its column."""
    for name, values in params.lists():
        text_check(name, "parameter name")
        for value in values:
            text_check(value, name, PARAMETER_LENGTHS.get(name))


def headers_check(headers) -> None:
    """The headers the LRS reads are storable text of a sensible length."""
    for name in READ_HEADERS:
        if name in headers:
            text_check(headers[name], name, HEADER_MAX_LENGTH)
    if "Content-Type" in headers:
        text_check(headers["Content-Type"], "Content-Type", CONTENT_TYPE_LENGTH)


def integer_parse(raw: str, field: str) -> int:
    """A non-negative integer in ASCII digits (int() takes any script's digits)."""
    if not _ASCII_INTEGER(raw) or len(raw) > MAX_INTEGER_DIGITS:
        raise InputInvalid(field, "a non-negative integer in digits 0-9 is expected.")
    return int(raw)


def uuid_check(raw: str, field: str) -> str:
    """A UUID in its standard string form (xAPI-Data 4.4)."""
    if not isinstance(raw, str) or not _UUID(raw):
        raise InputInvalid(field, f"{raw!r} is not a UUID in standard string form.")
    return raw


def agent_key_check(key: str, field: str) -> str:
    """An agent's identifying key, which columns of this LRS hold."""
    return text_check(key, field, AGENT_KEY_LENGTH)


# -- timestamps ---------------------------------------------------------------------


def timestamp_parse(raw: str, field: str) -> datetime:
    """An ISO 8601 timestamp that both Python and PostgreSQL hold, in UTC too.

    A naive one is taken as UTC, as the LRS stores it.
    """
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise InputInvalid(field, f"{raw!r} is not an ISO 8601 timestamp.") from None
    try:
        # Years 1 to 9999, once in UTC: 9999-12-31T23:59-01:00 is in year 10000.
        moment.astimezone(UTC) if moment.tzinfo else moment
    except OverflowError:
        raise InputInvalid(
            field, f"{raw!r} is outside the years 1 to 9999 in UTC."
        ) from None
    return moment
