"""Syntax validation of one xAPI statement as received by the LRS, by the rules
of the version the request speaks (1.0.3, or 2.0.0 where it differs).

Section numbers in comments refer to xAPI-Data.md of xAPI 1.0.3 unless they say
"Comm." (xAPI-Communication.md). Validation is about structure, not meaning
(Comm. 3.0). Paths in errors are JSON paths such as ``statement.actor.mbox``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal

from xapi.agents import agent_key
from xapi.inputs import InputInvalid, column_length, timestamp_parse
from xapi.models import Attachment, Statement, StatementActivity, StatementAgent
from xapi.versions import V2, spoken

VOIDED_VERB = "http://adlnet.gov/expapi/verbs/voided"

# 2.2.s4.b1.b8: an IRI/IRL needs a scheme; beyond that the LRS MAY be best-effort
# (2.2.s4.b6), so only whitespace, controls and characters RFC 3987 forbids are
# refused.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`\x00-\x1f\x7f]+").fullmatch
# openid is a URI (2.4.2.3): the same, but printable ASCII only.
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[!#-;=?-Z\[\]_a-z~]+").fullmatch
# 2.4.2.3: "The required format is 'mailto:email address'".
_DOMAIN_LABEL = r"[^\s@<>()\[\]\\,;:\"/?#.]+"
_MBOX = re.compile(
    rf"mailto:[^\s@<>()\[\]\\,;:\"]+@{_DOMAIN_LABEL}(?:\.{_DOMAIN_LABEL})*"
).fullmatch
_SHA1 = re.compile(r"[0-9a-fA-F]{40}").fullmatch
# 4.4: standard string form; any version and variant (the LRS is not the place to
# police how ids were generated).
_UUID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
).fullmatch
# 2.2.s4.b2: RFC 5646 "Language-Tag" production, token lengths included.
_LANGUAGE_TAG = re.compile(
    r"(?:"
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"  # language, extlang
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"  # variants
    r"(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*"  # extensions
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"  # private use
    r"|x(?:-[a-z0-9]{1,8})+"  # private use only
    r"|en-gb-oed|i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn"
    r"|tao|tay|tsu)|sgn-(?:be-fr|be-nl|ch-de)"  # irregular grandfathered tags
    r")",
    re.IGNORECASE,
).fullmatch
# 4.5: ISO 8601 combined date and time, extended format, with seconds because a
# timestamp MUST keep millisecond precision. The time zone is only a SHOULD*
# (4.5.s1.b4), so it is optional here. Leap second 60 is refused: the LRS could not
# store it as a datetime.
_TIMESTAMP_PATTERN = (
    r"([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:[.,][0-9]+)?"
    r"(Z|[+-](?:[01][0-9]|2[0-3])(?::[0-5][0-9])?)?"
)
_TIMESTAMP = re.compile(_TIMESTAMP_PATTERN).fullmatch
# 9274 4.2.7: RFC 3339, which also allows a space between date and time.
_TIMESTAMP_2 = re.compile(_TIMESTAMP_PATTERN.replace("T(?:", "[T ](?:", 1)).fullmatch
# 4.6: ISO 8601:2004 4.4.3.2 durations (PnYnMnDTnHnMnS or PnW); the alternative
# format of 4.4.3.3 MUST NOT be used. A decimal fraction is checked separately.
_NUM = r"[0-9]+(?:[.,][0-9]+)?"
_DURATION = re.compile(
    rf"P(?:{_NUM}W|(?=[0-9]|T[0-9])(?:{_NUM}Y)?(?:{_NUM}M)?(?:{_NUM}D)?"
    rf"(?:T(?=[0-9])(?:{_NUM}H)?(?:{_NUM}M)?(?:{_NUM}S)?)?)"
).fullmatch
# ISO 8601 allows a fraction on the lowest-order component only.
_DURATION_FRACTION_LAST = re.compile(r"[.,][0-9]+[WYMDHS]$").search
# 2.4.10 / Comm. 3.3: Semantic Versioning 1.0.0. 2.4.10.s3.b1: every version
# starting with "1.0." is accepted; and "1.0" itself, which
# Comm. 3.3 reads as 1.0.0 in the version header (the statement keeps it).
_VERSION = re.compile(r"1\.0(?:\.[0-9]+(?:-[0-9A-Za-z-]+)?)?").fullmatch
_VERSION_2 = re.compile(r"[12]\.0(?:\.[0-9]+(?:-[0-9A-Za-z-]+)?)?").fullmatch
# 2.4.11: contentType is an Internet Media Type (RFC 2046): type/subtype[;params].
_MEDIA_TYPE = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(?:\s*;.*)?",
    re.DOTALL,
).fullmatch
_HEX = re.compile(r"[0-9a-fA-F]+").fullmatch
# Hex lengths of SHA-224, SHA-256, SHA-384 and SHA-512 digests.
_SHA2_LENGTHS = frozenset({56, 64, 96, 128})
_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_STATEMENT_KEYS = frozenset(
    {
        "id",
        "actor",
        "verb",
        "object",
        "result",
        "context",
        "timestamp",
        "stored",
        "authority",
        "version",
        "attachments",
    }
)
# 2.4.4.3.s8.b3: a SubStatement MUST NOT have id, stored, version or authority.
_SUBSTATEMENT_FORBIDDEN = ("id", "stored", "version", "authority")
_SUBSTATEMENT_KEYS = _STATEMENT_KEYS.difference(_SUBSTATEMENT_FORBIDDEN) | {
    "objectType"
}
_IFI_KEYS = ("mbox", "mbox_sha1sum", "openid", "account")
_AGENT_KEYS = frozenset({"objectType", "name", *_IFI_KEYS})
_GROUP_KEYS = _AGENT_KEYS | {"member"}
_ACCOUNT_KEYS = frozenset({"homePage", "name"})
_VERB_KEYS = frozenset({"id", "display"})
_ACTIVITY_KEYS = frozenset({"objectType", "id", "definition"})
_STATEMENT_REF_KEYS = frozenset({"objectType", "id"})
_COMPONENT_KEYS = frozenset({"id", "description"})
_SCORE_KEYS = frozenset({"scaled", "raw", "min", "max"})
_CONTEXT_ACTIVITY_KEYS = frozenset({"parent", "grouping", "category", "other"})
_ATTACHMENT_REQUIRED = ("usageType", "display", "contentType", "length", "sha2")
# 2.4.4.1.s15: the interaction component lists each interactionType supports.
_COMPONENT_LISTS: dict[str, frozenset[str]] = {
    "true-false": frozenset(),
    "choice": frozenset({"choices"}),
    "fill-in": frozenset(),
    "long-fill-in": frozenset(),
    "matching": frozenset({"source", "target"}),
    "performance": frozenset({"steps"}),
    "sequencing": frozenset({"choices"}),
    "likert": frozenset({"scale"}),
    "numeric": frozenset(),
    "other": frozenset(),
}
_ALL_COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")
_NUMBER_TYPES = (int, float, Decimal)
# Identifiers that columns hold, for filters and relations: longer ones are
# refused here, where the database would refuse them (PostgreSQL) or keep them.
_VERB_ID_LENGTH = column_length(Statement, "verb_id")
_ACTIVITY_ID_LENGTH = min(
    column_length(Statement, "activity_id"),
    column_length(StatementActivity, "activity_id"),
)
_AGENT_KEY_LENGTH = min(
    column_length(Statement, "actor_key"), column_length(StatementAgent, "agent_key")
)
_CONTENT_TYPE_LENGTH = column_length(Attachment, "content_type")


class StatementInvalid(Exception):
    """A statement that breaks a MUST of xAPI 1.0.3; ``field`` is its JSON path."""

    code = "statement_invalid"
    status = 400

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


def validate_statement(data: object, *, path: str = "statement") -> None:
    """Raise StatementInvalid unless ``data`` is a valid statement in the
    version spoken (xapi.versions)."""
    _statement(data, path, substatement=False)


# -- generic helpers ----------------------------------------------------------------


def validate_actor(data: object, *, path: str = "agent") -> None:
    """Enforce the rules of an Agent or Group (e.g. the agent query parameter)."""
    _actor(data, path)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, _NUMBER_TYPES):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _wrong_type(path: str, expected: str, value: object) -> StatementInvalid:
    if value is None:
        # 2.2.s4.b1.b1: null is refused everywhere except inside extensions.
        return StatementInvalid(path, f"must be {expected}, not null")
    return StatementInvalid(path, f"must be {expected}, got {_json_type(value)}")


def _object(value: object, path: str) -> dict:
    if not isinstance(value, dict):
        raise _wrong_type(path, "an object", value)
    return value


def _array(value: object, path: str) -> list:
    if not isinstance(value, list):
        raise _wrong_type(path, "an array", value)
    return value


def _keys(data: dict, allowed: frozenset[str], path: str, what: str) -> None:
    # 2.2.s4.b1.b7: a key not allowed by the specification is refused (key case
    # included, 2.2.s4.b1.b5).
    if not data.keys() <= allowed:
        unknown = next(key for key in data if key not in allowed)
        raise StatementInvalid(
            f"{path}.{unknown}",
            f"unknown property {unknown!r}: {what} allows only "
            + ", ".join(sorted(allowed)),
        )


def _required(data: dict, key: str, path: str, what: str) -> object:
    if key not in data:
        raise StatementInvalid(f"{path}.{key}", f"is required in {what}")
    return data[key]


def _string(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise _wrong_type(path, "a string", value)
    return value


def _boolean(value: object, path: str) -> None:
    # 2.2.s4.b1.b3: "true" as a string is not a boolean.
    if not isinstance(value, bool):
        raise _wrong_type(path, "a boolean", value)


def _number(value: object, path: str) -> float:
    # 2.2.s4.b1.b2: no strings for numbers; a JSON boolean is not a number either.
    if isinstance(value, bool) or not isinstance(value, _NUMBER_TYPES):
        raise _wrong_type(path, "a number", value)
    if not math.isfinite(value):
        raise StatementInvalid(path, "must be a finite number")
    return value


def _formatted(value: object, path: str, check: Callable, what: str) -> str:
    # 2.2.s4.b1.b4: a value with a format is refused when it does not follow it,
    # the empty string included.
    if not isinstance(value, str):
        raise _wrong_type(path, what, value)
    if not check(value):
        raise StatementInvalid(path, f"must be {what}, got {value!r}")
    return value


def _fits(value: str, path: str, max_length: int) -> str:
    if len(value) > max_length:
        raise StatementInvalid(
            path, f"is {len(value)} characters long; this LRS holds {max_length}"
        )
    return value


def _iri(value: object, path: str) -> str:
    return _formatted(value, path, _IRI, "an IRI with a scheme")


def iri_parameter(value: str, name: str) -> str:
    """A query parameter that names a verb or an activity: an IRI (Comm.
    2.1.3; XAPI-00012), else refused rather than matching nothing."""
    return _iri(value, name)


def _irl(value: object, path: str) -> str:
    return _formatted(value, path, _IRI, "an IRL with a scheme")


def _uuid(value: object, path: str) -> str:
    return _formatted(value, path, _UUID, "a UUID in standard string form")


def _language_tag(value: object, path: str) -> str:
    return _formatted(value, path, _LANGUAGE_TAG, "an RFC 5646 language tag")


def _language_map(value: object, path: str) -> None:
    # 4.2: keys are RFC 5646 tags (2.2.s4.b2), values strings.
    for tag, text in _object(value, path).items():
        if not isinstance(tag, str) or not _LANGUAGE_TAG(tag):
            raise StatementInvalid(
                f"{path}.{tag}", f"{tag!r} is not an RFC 5646 language tag"
            )
        if not isinstance(text, str):
            raise _wrong_type(f"{path}.{tag}", "a string", text)


def _extensions(value: object, path: str) -> None:
    # 4.1: keys MUST be IRIs; values are free (any JSON, null included).
    for key in _object(value, path):
        if not isinstance(key, str) or not _IRI(key):
            raise StatementInvalid(
                f"{path}.{key}", f"extension key {key!r} must be an IRI with a scheme"
            )


def _timestamp(value: object, path: str) -> None:
    if not isinstance(value, str):
        raise _wrong_type(path, "an ISO 8601 timestamp", value)
    match = (_TIMESTAMP_2 if spoken() == V2 else _TIMESTAMP)(value)
    if match is None:
        raise StatementInvalid(
            path,
            "must be an ISO 8601 timestamp such as '2024-05-01T12:00:00.000Z', "
            f"got {value!r}",
        )
    year, month, day, offset = match.groups()
    day_number = int(day)
    if day_number > 28 and day_number > _days_in_month(int(year), int(month)):
        raise StatementInvalid(path, f"{value!r} is not a date in the calendar")
    if offset is not None and offset.startswith("-") and offset.strip("-0:") == "":
        # RFC 3339 4.3: "-00:00" means "offset unknown", which ISO 8601 forbids.
        raise StatementInvalid(path, "a time zone offset of -00:00 is not ISO 8601")
    try:
        timestamp_parse(value, path)
    except InputInvalid as exc:
        raise StatementInvalid(path, exc.message) from None


def _days_in_month(year: int, month: int) -> int:
    if month == 2 and not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return 28
    return _DAYS_IN_MONTH[month]


def _duration(value: object, path: str) -> None:
    _formatted(value, path, _DURATION, "an ISO 8601 duration such as 'PT1H30M'")
    if ("." in value or "," in value) and (
        value.count(".") + value.count(",") > 1 or not _DURATION_FRACTION_LAST(value)
    ):
        raise StatementInvalid(
            path, "only the last component of a duration may have a decimal fraction"
        )


# -- statement ----------------------------------------------------------------------


def _statement(data: object, path: str, *, substatement: bool) -> None:
    statement = _object(data, path)
    if substatement:
        _substatement_keys(statement, path)
    else:
        _keys(statement, _STATEMENT_KEYS, path, "a Statement")
    what = "a SubStatement" if substatement else "a Statement"
    # 2.2.s2.b3: actor, verb and object are required.
    actor = _required(statement, "actor", path, what)
    verb = _required(statement, "verb", path, what)
    target = _required(statement, "object", path, what)
    if "id" in statement:
        _uuid(statement["id"], f"{path}.id")
    _actor(actor, f"{path}.actor")
    verb_id = _verb(verb, f"{path}.verb")
    object_type = _statement_object(target, f"{path}.object", substatement)
    if verb_id == VOIDED_VERB and object_type != "StatementRef":
        # 2.3.2.s2.b1: the object of a voiding statement is a StatementRef.
        raise StatementInvalid(
            f"{path}.object.objectType",
            f"a statement with the verb {VOIDED_VERB} must have a StatementRef object",
        )
    _statement_extras(statement, path, object_type)


def _substatement_keys(statement: dict, path: str) -> None:
    for key in _SUBSTATEMENT_FORBIDDEN:
        if key in statement:
            raise StatementInvalid(
                f"{path}.{key}", f"a SubStatement must not have the {key!r} property"
            )
    _keys(statement, _SUBSTATEMENT_KEYS, path, "a SubStatement")


def _statement_extras(statement: dict, path: str, object_type: str) -> None:
    if "result" in statement:
        _result(statement["result"], f"{path}.result")
    if "context" in statement:
        _context(statement["context"], f"{path}.context", object_type)
    if "timestamp" in statement:
        _timestamp(statement["timestamp"], f"{path}.timestamp")
    if "stored" in statement:
        _timestamp(statement["stored"], f"{path}.stored")
    if "authority" in statement:
        _authority(statement["authority"], f"{path}.authority")
    if "version" in statement:
        _version(statement["version"], f"{path}.version")
    if "attachments" in statement:
        _attachments(statement["attachments"], f"{path}.attachments")


def _version(value: object, path: str) -> None:
    if spoken() == V2:
        # 9274 4.2.4.2: an otherwise valid statement should not be refused for
        # its version: 1.0.x ones (forwarded, replayed) are kept as they are.
        _formatted(value, path, _VERSION_2, "a version such as '2.0.0' or '1.0.3'")
        return
    # 2.4.10.s3.b2: a version not starting with "1.0." is refused.
    _formatted(value, path, _VERSION, "a 1.0.x version such as '1.0.0'")


# -- agents and groups --------------------------------------------------------------


def _actor(value: object, path: str) -> str:
    """Validate an Agent or Group; return its objectType."""
    actor = _object(value, path)
    object_type = actor.get("objectType", "Agent")
    if object_type == "Group":
        _group(actor, path)
    elif object_type == "Agent":
        _agent(actor, path)
    else:
        raise StatementInvalid(
            f"{path}.objectType",
            f"must be 'Agent' or 'Group', got {object_type!r}",
        )
    return object_type


def _agent(agent: dict, path: str) -> None:
    if "member" in agent:
        # 2.4.2.2: only a Group has members, and a Group MUST say objectType Group.
        raise StatementInvalid(
            f"{path}.member",
            "only a Group has members; a Group requires objectType 'Group'",
        )
    _keys(agent, _AGENT_KEYS, path, "an Agent")
    _common_actor(agent, path)
    # 2.4.2.1.s2.b1/b2: exactly one Inverse Functional Identifier.
    if _ifi_count(agent, path) != 1:
        raise StatementInvalid(
            path,
            "an Agent must have exactly one of mbox, mbox_sha1sum, openid, account",
        )
    _fits(agent_key(agent), path, _AGENT_KEY_LENGTH)


def _group(group: dict, path: str) -> None:
    _keys(group, _GROUP_KEYS, path, "a Group")
    _common_actor(group, path)
    ifis = _ifi_count(group, path)
    if ifis > 1:
        # 2.4.2.2.s5.b1: an Identified Group has exactly one IFI.
        raise StatementInvalid(
            path,
            "a Group must not have more than one of mbox, mbox_sha1sum, openid, "
            "account",
        )
    if ifis == 1:
        _fits(agent_key(group), path, _AGENT_KEY_LENGTH)
    if ifis == 0 and "member" not in group:
        # 2.4.2.2.s4.b1: an Anonymous Group lists its members.
        raise StatementInvalid(
            f"{path}.member", "is required in a Group without an identifier"
        )
    if "member" in group:
        members = _array(group["member"], f"{path}.member")
        if ifis == 0 and not members:
            raise StatementInvalid(
                f"{path}.member",
                "an anonymous Group must list at least one member",
            )
        for index, member in enumerate(members):
            _member(member, f"{path}.member[{index}]")


def _member(value: object, path: str) -> None:
    member = _object(value, path)
    object_type = member.get("objectType", "Agent")
    if object_type == "Group":
        # 2.4.2.2.s4.b2 / s5.b2: no Group inside a Group.
        raise StatementInvalid(
            f"{path}.objectType", "a Group member must be an Agent, not a Group"
        )
    if object_type != "Agent":
        raise StatementInvalid(
            f"{path}.objectType", f"must be 'Agent', got {object_type!r}"
        )
    _agent(member, path)


def _common_actor(actor: dict, path: str) -> None:
    if "name" in actor:
        _string(actor["name"], f"{path}.name")


def _ifi_count(actor: dict, path: str) -> int:
    count = 0
    if "mbox" in actor:
        count += 1
        _formatted(actor["mbox"], f"{path}.mbox", _MBOX, "a 'mailto:' email IRI")
    if "mbox_sha1sum" in actor:
        count += 1
        _formatted(
            actor["mbox_sha1sum"],
            f"{path}.mbox_sha1sum",
            _SHA1,
            "a hex SHA-1 of 40 characters",
        )
    if "openid" in actor:
        count += 1
        _formatted(actor["openid"], f"{path}.openid", _URI, "a URI with a scheme")
    if "account" in actor:
        count += 1
        _account(actor["account"], f"{path}.account")
    return count


def _account(value: object, path: str) -> None:
    # 2.4.2.4: homePage (IRL) and name (string), both required, nothing else.
    account = _object(value, path)
    _keys(account, _ACCOUNT_KEYS, path, "an account")
    _irl(_required(account, "homePage", path, "an account"), f"{path}.homePage")
    _string(_required(account, "name", path, "an account"), f"{path}.name")


def _authority(value: object, path: str) -> None:
    """A client may send an authority: it is checked here, then replaced by
    the client's own (services._prepared): with HTTP Basic credentials the
    LRS "MUST include the user as an Agent as the entire authority" (2.4.9.
    s3.b2), so a sent one is never kept, but one the specification forbids is
    refused rather than silently dropped.

    The same rules under 2.0: ADL's conformance suites keep XAPI-00024 and
    XAPI-00098 to XAPI-00100 for 2.0.0 clients (an authority Group is the
    OAuth pair, never an identified Group), so a statement one LRS accepts
    another does not refuse."""
    if _actor(value, path) != "Group":
        return
    # XAPI-00024: an identified Group is no OAuth pair.
    if any(key in value for key in _IFI_KEYS):
        raise StatementInvalid(
            path, "an authority Group is anonymous: the OAuth application and user"
        )
    # 2.4.9.s3.b1: (3-legged OAuth) a Group of two Agents (a Group's members
    # are Agents: _group), the application and the user; 2.4.9.s7.b1/b2: the
    # application, the OAuth consumer, is an Agent identified by an account
    # (its consumer key).
    members = value.get("member")
    if not isinstance(members, list) or len(members) != 2:
        raise StatementInvalid(
            f"{path}.member",
            "an authority Group must have exactly two Agents (3-legged OAuth)",
        )
    if not any("account" in member for member in members):
        raise StatementInvalid(
            f"{path}.member",
            "one member of an authority Group is the OAuth consumer, an Agent "
            "identified by an account",
        )


# -- verb and object ----------------------------------------------------------------


def _verb(value: object, path: str) -> str:
    verb = _object(value, path)
    _keys(verb, _VERB_KEYS, path, "a Verb")
    verb_id = _iri(_required(verb, "id", path, "a Verb"), f"{path}.id")
    _fits(verb_id, f"{path}.id", _VERB_ID_LENGTH)
    if "display" in verb:
        _language_map(verb["display"], f"{path}.display")
    return verb_id


def _statement_object(value: object, path: str, in_substatement: bool) -> str:
    """Validate the object of a statement; return its objectType."""
    target = _object(value, path)
    object_type = target.get("objectType", "Activity")
    if object_type == "Activity":
        _activity(target, path)
    elif object_type in ("Agent", "Group"):
        # 2.4.4.2: objectType is present here, so Agent/Group is explicit.
        _actor(target, path)
    elif object_type == "StatementRef":
        _statement_ref(target, path)
    elif object_type == "SubStatement":
        if in_substatement:
            # 2.4.4.3.s8.b4: SubStatements cannot be nested.
            raise StatementInvalid(
                f"{path}.objectType",
                "a SubStatement must not contain another SubStatement",
            )
        _statement(target, path, substatement=True)
    else:
        raise StatementInvalid(
            f"{path}.objectType",
            "must be one of Activity, Agent, Group, StatementRef, SubStatement; "
            f"got {object_type!r}",
        )
    return object_type


def _statement_ref(value: object, path: str) -> None:
    # 2.4.4.3.s4: objectType "StatementRef" and the UUID of a statement.
    ref = _object(value, path)
    _keys(ref, _STATEMENT_REF_KEYS, path, "a StatementRef")
    object_type = _required(ref, "objectType", path, "a StatementRef")
    if object_type != "StatementRef":
        raise StatementInvalid(
            f"{path}.objectType", f"must be 'StatementRef', got {object_type!r}"
        )
    _uuid(_required(ref, "id", path, "a StatementRef"), f"{path}.id")


def _activity(value: object, path: str) -> None:
    activity = _object(value, path)
    if not activity.keys() <= _ACTIVITY_KEYS and "objectType" not in activity:
        if any(key in activity for key in (*_IFI_KEYS, "member")):
            # 2.4.4.2.s1.b1: without objectType this looks like an Activity.
            raise StatementInvalid(
                f"{path}.objectType",
                "is required when the object is an Agent or a Group",
            )
    _keys(activity, _ACTIVITY_KEYS, path, "an Activity")
    if activity.get("objectType", "Activity") != "Activity":
        raise StatementInvalid(
            f"{path}.objectType",
            f"must be 'Activity', got {activity['objectType']!r}",
        )
    activity_id = _iri(_required(activity, "id", path, "an Activity"), f"{path}.id")
    _fits(activity_id, f"{path}.id", _ACTIVITY_ID_LENGTH)
    if "definition" in activity:
        _definition(activity["definition"], f"{path}.definition")


def _definition(value: object, path: str) -> None:
    definition = _object(value, path)
    _keys(definition, _DEFINITION_KEYS, path, "an Activity definition")
    for key, field in definition.items():
        _DEFINITION_FIELDS[key](field, f"{path}.{key}")
    if "interactionType" in definition:
        _interaction(definition, path)
    elif "correctResponsesPattern" in definition or any(
        key in definition for key in _ALL_COMPONENT_LISTS
    ):
        # 2.4.4.1.s13.b1: an Interaction Activity MUST have an interactionType.
        raise StatementInvalid(
            f"{path}.interactionType",
            "is required when correctResponsesPattern or a component list is used",
        )


def _interaction(definition: dict, path: str) -> None:
    interaction_type = definition["interactionType"]
    allowed = _COMPONENT_LISTS.get(interaction_type)
    if allowed is None:
        raise StatementInvalid(
            f"{path}.interactionType",
            f"{interaction_type!r} is not one of " + ", ".join(_COMPONENT_LISTS),
        )
    for key in _ALL_COMPONENT_LISTS:
        if key in definition and key not in allowed:
            # 2.4.4.1.s15: component lists depend on the interactionType.
            supported = ", ".join(sorted(allowed)) or "none"
            raise StatementInvalid(
                f"{path}.{key}",
                f"is not supported by interactionType {interaction_type!r} "
                f"(supported: {supported})",
            )


def _strings(value: object, path: str) -> None:
    for index, item in enumerate(_array(value, path)):
        if not isinstance(item, str):
            raise _wrong_type(f"{path}[{index}]", "a string", item)


def _components(value: object, path: str) -> None:
    seen: set[str] = set()
    for index, item in enumerate(_array(value, path)):
        item_path = f"{path}[{index}]"
        component = _object(item, item_path)
        _keys(component, _COMPONENT_KEYS, item_path, "an interaction component")
        component_id = _string(
            _required(component, "id", item_path, "an interaction component"),
            f"{item_path}.id",
        )
        if component_id in seen:
            # 2.4.4.1.s16.b1: ids are distinct within a component list.
            raise StatementInvalid(
                f"{item_path}.id", f"duplicate component id {component_id!r}"
            )
        seen.add(component_id)
        if "description" in component:
            _language_map(component["description"], f"{item_path}.description")


_DEFINITION_FIELDS: dict[str, Callable[[object, str], object]] = {
    "name": _language_map,
    "description": _language_map,
    "type": _iri,
    "moreInfo": _irl,
    "extensions": _extensions,
    "interactionType": _string,
    "correctResponsesPattern": _strings,
    "choices": _components,
    "scale": _components,
    "source": _components,
    "target": _components,
    "steps": _components,
}
_DEFINITION_KEYS = frozenset(_DEFINITION_FIELDS)


# -- result -------------------------------------------------------------------------


def _result(value: object, path: str) -> None:
    result = _object(value, path)
    _keys(result, _RESULT_KEYS, path, "a Result")
    for key, field in result.items():
        _RESULT_FIELDS[key](field, f"{path}.{key}")


def _score(value: object, path: str) -> None:
    score = _object(value, path)
    _keys(score, _SCORE_KEYS, path, "a Score")
    for key, number in score.items():
        _number(number, f"{path}.{key}")
    scaled = score.get("scaled")
    if scaled is not None and not -1 <= scaled <= 1:
        raise StatementInvalid(f"{path}.scaled", "must be between -1 and 1 inclusive")
    low, high, raw = score.get("min"), score.get("max"), score.get("raw")
    if low is not None and high is not None and not low < high:
        # 2.4.5.1.s2: min is "less than max".
        raise StatementInvalid(f"{path}.min", "must be less than max")
    if raw is not None and (
        (low is not None and raw < low) or (high is not None and raw > high)
    ):
        raise StatementInvalid(f"{path}.raw", "must be between min and max inclusive")


_RESULT_FIELDS: dict[str, Callable[[object, str], object]] = {
    "score": _score,
    "success": _boolean,
    "completion": _boolean,
    "response": _string,
    "duration": _duration,
    "extensions": _extensions,
}
_RESULT_KEYS = frozenset(_RESULT_FIELDS)


# -- context ------------------------------------------------------------------------


def _context(value: object, path: str, object_type: str) -> None:
    context = _object(value, path)
    if spoken() == V2:
        fields, keys = _CONTEXT_FIELDS_2, _CONTEXT_KEYS_2
    else:
        fields, keys = _CONTEXT_FIELDS, _CONTEXT_KEYS
    _keys(context, keys, path, "a Context")
    for key, field in context.items():
        fields[key](field, f"{path}.{key}")
    if object_type != "Activity":
        # 2.4.6.s4.b1/b2: revision and platform only with an Activity object.
        for key in ("revision", "platform"):
            if key in context:
                raise StatementInvalid(
                    f"{path}.{key}",
                    "must only be used when the statement's object is an Activity",
                )


def _team(value: object, path: str) -> None:
    team = _object(value, path)
    if team.get("objectType") != "Group":
        raise StatementInvalid(
            f"{path}.objectType", "a team must be a Group with objectType 'Group'"
        )
    _group(team, path)


def _context_activities(value: object, path: str) -> None:
    # 2.4.6.2.s4.b1/b2: known keys only; each an Activity or an array of them.
    activities = _object(value, path)
    _keys(activities, _CONTEXT_ACTIVITY_KEYS, path, "contextActivities")
    for key, item in activities.items():
        item_path = f"{path}.{key}"
        if isinstance(item, list):
            for index, activity in enumerate(item):
                _activity(activity, f"{item_path}[{index}]")
        else:
            _activity(item, item_path)


_CONTEXT_FIELDS: dict[str, Callable[[object, str], object]] = {
    "registration": _uuid,
    "instructor": _actor,
    "team": _team,
    "contextActivities": _context_activities,
    "revision": _string,
    "platform": _string,
    "language": _language_tag,
    "statement": _statement_ref,
    "extensions": _extensions,
}


def _context_agents(value: object, path: str) -> None:
    """9274 4.2.2.5: contextAgents, an array of contextAgent objects: an Agent
    with, optionally, the IRIs of the types of its relevance."""
    for index, item in enumerate(_array(value, path)):
        entry = _context_entry(item, f"{path}[{index}]", "contextAgent", "agent")
        if _actor(entry["agent"], f"{path}[{index}].agent") != "Agent":
            raise StatementInvalid(
                f"{path}[{index}].agent", "a contextAgent's agent must be an Agent"
            )


def _context_groups(value: object, path: str) -> None:
    """9274 4.2.2.5: contextGroups, an array of contextGroup objects: a Group,
    identified or anonymous, with the same optional relevantTypes."""
    for index, item in enumerate(_array(value, path)):
        entry = _context_entry(item, f"{path}[{index}]", "contextGroup", "group")
        _team(entry["group"], f"{path}[{index}].group")


def _context_entry(value: object, path: str, object_type: str, holds: str) -> dict:
    entry = _object(value, path)
    _keys(
        entry,
        frozenset({"objectType", holds, "relevantTypes"}),
        path,
        f"a {object_type}",
    )
    if _required(entry, "objectType", path, f"a {object_type}") != object_type:
        raise StatementInvalid(f"{path}.objectType", f"must be {object_type!r}")
    _required(entry, holds, path, f"a {object_type}")
    if "relevantTypes" in entry:
        # "A collection of 1 or more Relevant Type(s)", each an IRI.
        types = _array(entry["relevantTypes"], f"{path}.relevantTypes")
        if not types:
            raise StatementInvalid(
                f"{path}.relevantTypes", "must hold at least one IRI when present"
            )
        for index, iri in enumerate(types):
            _iri(iri, f"{path}.relevantTypes[{index}]")
    return entry


# xAPI 2.0 adds contextAgents and contextGroups; instructor and team stay.
_CONTEXT_FIELDS_2 = {
    **_CONTEXT_FIELDS,
    "contextAgents": _context_agents,
    "contextGroups": _context_groups,
}
_CONTEXT_KEYS = frozenset(_CONTEXT_FIELDS)
_CONTEXT_KEYS_2 = frozenset(_CONTEXT_FIELDS_2)


# -- attachments --------------------------------------------------------------------


def _attachments(value: object, path: str) -> None:
    for index, item in enumerate(_array(value, path)):
        _attachment(item, f"{path}[{index}]")


def _attachment(value: object, path: str) -> None:
    attachment = _object(value, path)
    _keys(attachment, _ATTACHMENT_KEYS, path, "an Attachment")
    for key in _ATTACHMENT_REQUIRED:
        _required(attachment, key, path, "an Attachment")
    for key, field in attachment.items():
        _ATTACHMENT_FIELDS[key](field, f"{path}.{key}")


def _length(value: object, path: str) -> None:
    # 2.4.11: an Integer number of octets; 27.0 or True is not an integer.
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong_type(path, "an integer", value)
    if value < 0:
        raise StatementInvalid(path, "must not be negative")


def _sha2(value: object, path: str) -> None:
    _formatted(value, path, _HEX, "a hex SHA-2 digest")
    if len(value) not in _SHA2_LENGTHS:
        raise StatementInvalid(
            path, "must be a hex SHA-224, SHA-256, SHA-384 or SHA-512 digest"
        )


def _content_type(value: object, path: str) -> None:
    _formatted(value, path, _MEDIA_TYPE, "an Internet Media Type such as 'text/plain'")
    _fits(value, path, _CONTENT_TYPE_LENGTH)


_ATTACHMENT_FIELDS: dict[str, Callable[[object, str], object]] = {
    "usageType": _iri,
    "display": _language_map,
    "description": _language_map,
    "contentType": _content_type,
    "length": _length,
    "sha2": _sha2,
    "fileUrl": _irl,
}
_ATTACHMENT_KEYS = frozenset(_ATTACHMENT_FIELDS)
