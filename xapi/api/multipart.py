"""multipart/mixed bodies of the Statement resource (xAPI-Communication 1.5.2).

Parsing is the standard library's email package; building is a concatenation of
parts, as the format has nothing more to it (RFC 2046 5.1.1).
"""

from __future__ import annotations

import email.policy
import secrets
from email.message import EmailMessage
from email.parser import BytesParser

from xapi.attachments import Part

HASH_HEADER = "X-Experience-API-Hash"
# HTTP policy: no line-length folding, CRLF; defects are collected, then reported.
_POLICY = email.policy.HTTP


class MultipartInvalid(ValueError):
    """A multipart/mixed body that does not follow Comm. 1.5.2."""


def multipart_parse(content_type: str, body: bytes) -> tuple[bytes, list[Part]]:
    """The statements part's JSON bytes and the attachment parts of a request."""
    message = BytesParser(policy=_POLICY).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if message.get_boundary() is None:
        raise MultipartInvalid("multipart/mixed needs a boundary parameter.")
    if message.defects or not message.is_multipart():
        raise MultipartInvalid(f"Malformed multipart/mixed body: {_defects(message)}.")
    first, *others = message.iter_parts()
    if first.get("Content-Type") is None or (
        first.get_content_type() != "application/json"
    ):
        raise MultipartInvalid(
            "The first part must hold the statements, as application/json."
        )
    parts = [_attachment_part(part, index) for index, part in enumerate(others, 1)]
    return first.get_payload(decode=True), parts


def _defects(message: EmailMessage) -> str:
    """The parser's defects, named for a person reading the error."""
    defects = list(message.defects)
    for part in message.iter_parts() if message.is_multipart() else ():
        defects += part.defects
    names = {type(defect).__name__.removesuffix("Defect") for defect in defects}
    return ", ".join(sorted(names)) or "not multipart"


def _attachment_part(part: EmailMessage, index: int) -> Part:
    """An attachment part, with the headers Comm. 1.5.2.s2.b2 makes mandatory."""
    sha2 = part.get(HASH_HEADER)
    if not sha2:
        raise MultipartInvalid(f"Part {index} has no {HASH_HEADER} header.")
    encoding = part.get("Content-Transfer-Encoding")
    if encoding is None or encoding.strip().lower() != "binary":
        raise MultipartInvalid(
            f"Part {index} needs Content-Transfer-Encoding: binary, "
            f"not {encoding or 'none'}."
        )
    declared = part.get("Content-Type")
    return Part(
        index=index,
        sha2=sha2.strip().lower(),
        content_type=part.get_content_type() if declared else None,
        content=part.get_payload(decode=True),
        content_length=_content_length(part, index),
    )


def _content_length(part: EmailMessage, index: int) -> int | None:
    value = part.get("Content-Length")
    if value is None:
        return None
    if not value.strip().isdigit():
        raise MultipartInvalid(f"Part {index}: Content-Length is not a number.")
    return int(value.strip())


def multipart_build(
    first: bytes, attachments: list[tuple[str, str, bytes]]
) -> tuple[str, bytes]:
    """The Content-Type and body of a response: JSON first, then each attachment.

    ``attachments`` are (sha2, content type, data) triples.
    """
    boundary = _boundary(first, *(content for _, _, content in attachments))
    delimiter = b"--" + boundary.encode("ascii")
    chunks = [delimiter, b"\r\nContent-Type: application/json\r\n\r\n", first]
    for sha2, content_type, content in attachments:
        headers = (
            f"Content-Type: {content_type}\r\n"
            "Content-Transfer-Encoding: binary\r\n"
            f"{HASH_HEADER}: {sha2}\r\n\r\n"
        )
        chunks += [b"\r\n", delimiter, b"\r\n", headers.encode("latin-1"), content]
    chunks += [b"\r\n", delimiter, b"--\r\n"]
    return f"multipart/mixed; boundary={boundary}", b"".join(chunks)


def _boundary(*contents: bytes) -> str:
    """A random boundary that none of the parts contains (RFC 2046 5.1.1)."""
    while True:
        boundary = secrets.token_hex(16)
        if not any(boundary.encode("ascii") in content for content in contents):
            return boundary
