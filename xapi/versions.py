"""The xAPI versions the LRS speaks on one endpoint: 1.0.3 and 2.0.0.

xAPI 2.0.0 is IEEE 9274.1.1-2023 ("9274" in comments, with its section numbers;
1.0.3's are xAPI-Communication.md and xAPI-Data.md). A request says which it
speaks in X-Experience-API-Version and is answered in it; what the two
versions accept differs (``xapi.validation`` asks ``spoken()``), what is
stored is one statement, read back as stored by a client of either version
(README, "xAPI 2.0 beside 1.0.3").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

V1 = "1.0.3"
V2 = "2.0.0"
SUPPORTED = (V1, V2)
# 9274 4.1.7: the header is set to the latest patch version.
LATEST = V2

# Comm. 3.3.s3.b3/b5: "1.0" and any "1.0.x" are 1.0.3's; 9274 4.1.7: "2.0" is
# 2.0.0, versions before 2.0.0 only when routed to a conformant implementation
# of theirs (this one, for 1.0.x), 2.1.0 and later refused.
_HEADER = re.compile(r"([12])\.0(?:\.[0-9]+)?").fullmatch

# The platform's own statements (learners' actions) are written as 1.0.3.
_spoken: ContextVar[str] = ContextVar("xapi_version", default=V1)


def from_header(value: str | None) -> str | None:
    """The version a request speaks by its header; None when it names none we do."""
    match = _HEADER(value or "")
    if match is None:
        return None
    return V1 if match.group(1) == "1" else V2


def spoken() -> str:
    """The version of the request being handled (1.0.3 outside a request)."""
    return _spoken.get()


@contextmanager
def speaking(version: str) -> Iterator[None]:
    token = _spoken.set(version)
    try:
        yield
    finally:
        _spoken.reset(token)


def comparable(statement: dict) -> dict:
    """The statement as the spoken version compares two of them (a statement
    sent again, a signed one and its statement): in 2.0, durations agree to
    0.01 s (9274 4.2.7: an LRS may cut them there)."""
    return _in_hundredths(statement) if spoken() == V2 else statement


# The seconds of an ISO 8601 duration, with their fraction.
_SECONDS = re.compile(r"([0-9]+)(?:[.,]([0-9]+))?S$")


def _in_hundredths(statement: dict) -> dict:
    """A copy with result.duration (a SubStatement's too) cut to 0.01 s."""
    statement = dict(statement)
    target = statement.get("object")
    if isinstance(target, dict) and target.get("objectType") == "SubStatement":
        statement["object"] = _in_hundredths(target)
    result = statement.get("result")
    if isinstance(result, dict) and isinstance(result.get("duration"), str):
        duration = _SECONDS.sub(_cut_seconds, result["duration"])
        statement["result"] = {**result, "duration": duration}
    return statement


def _cut_seconds(match: re.Match) -> str:
    whole, fraction = match.group(1), (match.group(2) or "")[:2].rstrip("0")
    return f"{whole}.{fraction}S" if fraction else f"{whole}S"
