"""Attachments of statements: matching received parts, storing and finding data.

The raw data is content-addressed by the sha2 the statements declare, so the same
file attached to many statements is stored once (xAPI-Data 2.4.11,
xAPI-Communication 1.5.2).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from xapi.models import Attachment, StatementAttachment
from xapi.signatures import signatures_verify
from xapi.validation import StatementInvalid, validate_statement

# Hex length of each SHA-2 digest the sha2 property may hold.
_SHA2_BY_LENGTH = {
    56: hashlib.sha224,
    64: hashlib.sha256,
    96: hashlib.sha384,
    128: hashlib.sha512,
}

# Attachment data to store: (content type, data) by lower-case hex sha2.
Parts = dict[str, tuple[str, bytes]]


@dataclass(frozen=True)
class Part:
    """An attachment part as received: its declared hash, Content-Type and data."""

    index: int
    sha2: str
    content_type: str | None
    content: bytes
    # The part's own Content-Length header, when it has one.
    content_length: int | None = None


class AttachmentsInvalid(StatementInvalid):
    """Attachment data that does not go with the statements it came with."""


def attachments_received(
    *, statements: list[dict], parts: list[Part], multipart: bool
) -> Parts:
    """Match parts to declared attachments; the data to store, by sha2.

    Every attachment needs a fileUrl or a part whose hash is its sha2 (Comm.
    1.5.2.s3.b5), every part an attachment, and signatures must verify (Data 2.6).
    """
    declared = list(_declared(statements))
    if not declared and not parts:
        return {}
    # Validated first, so that a malformed attachment is refused for what it is.
    for index, statement in enumerate(statements):
        validate_statement(statement, path=f"statement[{index}]")
    by_sha2 = {_checked_hash(part): part for part in parts}
    for path, attachment in declared:
        _check_attachment(path, attachment, by_sha2.get(_sha2(attachment)), multipart)
    used = {_sha2(attachment) for _, attachment in declared}
    for part in parts:
        if part.sha2 not in used:
            raise AttachmentsInvalid(
                f"part[{part.index}]",
                f"its {part.sha2} hash is the sha2 of no attachment of the statements",
            )
    data = {sha2: part.content for sha2, part in by_sha2.items()}
    for index, statement in enumerate(statements):
        signatures_verify(statement, tokens=data, path=f"statement[{index}]")
    return {
        sha2: (_content_type(part, declared), part.content)
        for sha2, part in by_sha2.items()
    }


def _declared(statements: list[dict]) -> Iterator[tuple[str, dict]]:
    """Each attachment object with its path, a SubStatement's included."""
    for index, statement in enumerate(statements):
        path = f"statement[{index}]"
        yield from _own(statement, path)
        target = statement.get("object")
        if isinstance(target, dict) and target.get("objectType") == "SubStatement":
            yield from _own(target, f"{path}.object")


def _own(statement: dict, path: str) -> Iterator[tuple[str, dict]]:
    """The attachment objects of one statement, with their paths."""
    attachments = statement.get("attachments")
    if isinstance(attachments, list):
        for index, attachment in enumerate(attachments):
            yield f"{path}.attachments[{index}]", attachment


def _sha2(attachment: dict) -> str:
    """The attachment's sha2 in lower case: hex digits, so case means nothing."""
    return attachment["sha2"].lower()


def _checked_hash(part: Part) -> str:
    """The part's declared hash, once it is known to be the SHA-2 of its data."""
    digest = _SHA2_BY_LENGTH.get(len(part.sha2))
    if digest is None or digest(part.content).hexdigest() != part.sha2:
        raise AttachmentsInvalid(
            f"part[{part.index}]",
            "the X-Experience-API-Hash header is not the SHA-2 of the part's data",
        )
    return part.sha2


def _check_attachment(
    path: str, attachment: dict, part: Part | None, multipart: bool
) -> None:
    """A part, or a fileUrl, for the attachment; the part's headers agree with it."""
    if part is None:
        if "fileUrl" in attachment:
            return
        if multipart:
            raise AttachmentsInvalid(
                path, "no fileUrl, and no part has its sha2 as X-Experience-API-Hash"
            )
        raise AttachmentsInvalid(
            path,
            "an application/json request needs a fileUrl for every attachment; "
            "send the data in a multipart/mixed request",
        )
    # Comm. 1.5.2.s2.b2.b7: the part's headers and the attachment must agree.
    if part.content_type and part.content_type != _media_type(
        attachment["contentType"]
    ):
        raise AttachmentsInvalid(
            f"{path}.contentType",
            f"its part (part[{part.index}]) is {part.content_type}",
        )
    # The same rule for "length", against the part's Content-Length header
    # only. The octets themselves are never counted against it: the LRS
    # matches an attachment with its data by SHA-2 "and MUST not do so any
    # other way" (Comm. 1.5.2.s1.b4), and no LRS requirement (1.5.2.s3) says
    # to reject a length that differs; the attachment keeps the length
    # declared, the stored data its own.
    if part.content_length is not None and attachment["length"] != part.content_length:
        raise AttachmentsInvalid(
            f"{path}.length",
            f"its part (part[{part.index}]) says Content-Length: {part.content_length}",
        )


def _media_type(content_type: str) -> str:
    """The type/subtype of a content type, the part that must match."""
    # Parameters such as charset may differ: the spec's own example does so.
    return content_type.split(";", 1)[0].strip().lower()


def _content_type(part: Part, declared: list[tuple[str, dict]]) -> str:
    """The Content-Type to return the data with: the part's, else the statement's."""
    if part.content_type:
        return part.content_type
    return next(a["contentType"] for _, a in declared if _sha2(a) == part.sha2)


def attachments_store(*, parts: Parts) -> None:
    """Store attachment data by sha2; data already stored is kept as it is.

    Call it in the transaction that stores the statements.
    """
    if not parts:
        return
    Attachment.objects.bulk_create(
        [
            Attachment(
                sha2=sha2, content_type=content_type, content=data, length=len(data)
            )
            for sha2, (content_type, data) in parts.items()
        ],
        # Equal sha2, equal data: a concurrent or earlier copy is as good.
        ignore_conflicts=True,
    )


def attachments_of(statements: list[dict]) -> list[Attachment]:
    """The stored data of the statements' attachments, once each, in their order."""
    wanted = list(dict.fromkeys(_sha2(a) for _, a in _declared(statements)))
    found = {a.sha2: a for a in Attachment.objects.filter(sha2__in=wanted)}
    return [found[sha2] for sha2 in wanted if sha2 in found]


def attachment_links(statements: list[dict]) -> list[tuple[str, str]]:
    """(statement id, sha2) of every attachment the statements declare."""
    return [
        (statement["id"], sha2)
        for statement in statements
        for sha2 in dict.fromkeys(_sha2(a) for _, a in _declared([statement]))
    ]


def attachments_forget(*, sha2s: set[str]) -> int:
    """Delete the data of these attachments that no statement uses any more."""
    used = StatementAttachment.objects.filter(sha2__in=sha2s).values("sha2")
    deleted, _per_model = (
        Attachment.objects.filter(sha2__in=sha2s).exclude(sha2__in=used).delete()
    )
    return deleted
