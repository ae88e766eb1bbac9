"""Signed statements (xAPI-Data 2.6): checking their JWS signature attachments."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Mapping
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from joserfc import jws
from joserfc.errors import BadSignatureError, JoseError
from joserfc.jwk import RSAKey

from xapi import versions
from xapi.validation import StatementInvalid

SIGNATURE_USAGE = "http://adlnet.gov/expapi/attachments/signature"
SIGNATURE_CONTENT_TYPE = "application/octet-stream"
# Data 2.6.s4.b4: the "RSA + SHA" series only.
ALGORITHMS = ("RS256", "RS384", "RS512")
# Always set by the LRS (Data 2.4.8.s3.b2, 2.4.9.s3.b4), so never compared.
_SET_BY_LRS = ("authority", "stored")
# Filled in by the LRS when missing (Data 2.3.1.b1): compared when they were signed.
_FILLED_BY_LRS = ("id", "timestamp", "version")
# Data 2.4.10.s3.b3: what the LRS fills a missing version with.
_DEFAULT_VERSION = "1.0.0"


class SignatureInvalid(StatementInvalid):
    """A signature attachment that is not a well-formed signature of its statement."""


class _Registry(jws.JWSRegistry):
    """joserfc's JWS rules with room for x5c: one certificate outgrows 512 bytes."""

    max_header_length = 64 * 1024
    max_payload_length = 16 * 1024 * 1024
    max_signature_length = 4096  # RS512 with an 8192-bit key, base64url


_REGISTRY = _Registry(algorithms=ALGORITHMS)


def signatures_verify(
    statement: dict, *, tokens: Mapping[str, bytes], path: str
) -> None:
    """Check each signature attachment of a valid statement (Data 2.6.s5).

    ``tokens`` is the received attachment data by sha2; a signature sent only as
    a fileUrl cannot be checked here, and is accepted as it is (Comm. 1.5.1.s1.b2).
    """
    for index, attachment in enumerate(statement.get("attachments", [])):
        if attachment["usageType"] != SIGNATURE_USAGE:
            continue
        where = f"{path}.attachments[{index}]"
        media_type = attachment["contentType"].split(";", 1)[0].strip().lower()
        if media_type != SIGNATURE_CONTENT_TYPE:
            raise SignatureInvalid(
                f"{where}.contentType",
                f"a signature must be {SIGNATURE_CONTENT_TYPE} (Data 2.6.s4.b1)",
            )
        token = tokens.get(attachment["sha2"].lower())
        if token is not None and not _same_statement(
            _signed_statement(token, where), statement
        ):
            raise SignatureInvalid(
                where,
                "the JWS payload is not this statement as it was before the "
                "signature was added (Data 2.6.s4.b3)",
            )


def _signed_statement(token: bytes, where: str) -> dict:
    """The statement a JWS carries, once its form, algorithm and x5c are checked."""
    try:
        signature = jws.extract_compact(token.strip(), registry=_REGISTRY)
    except (JoseError, ValueError) as exc:
        raise SignatureInvalid(
            where, f"the signature is not a JWS in Compact Serialization ({exc})"
        ) from None
    header = signature.headers()
    if header.get("alg") not in ALGORITHMS:
        raise SignatureInvalid(
            where,
            f"the JWS algorithm is {header.get('alg')!r}; "
            f"one of {', '.join(ALGORITHMS)} is required (Data 2.6.s4.b4)",
        )
    if "x5c" in header:
        _verify_with_certificate(token.strip(), header, where)
    try:
        payload = json.loads(signature.payload)
    except (ValueError, UnicodeDecodeError):
        payload = None
    if not isinstance(payload, dict):
        raise SignatureInvalid(where, "the JWS payload is not a statement as JSON")
    return payload


def _verify_with_certificate(token: bytes, header: dict, where: str) -> None:
    """Check the signature against the first certificate of x5c (Data 2.6.s5.b3.b3).

    The chain itself is not checked: the spec calls this a check for mistakes,
    not a security measure.
    """
    try:
        der = base64.b64decode(header["x5c"][0], validate=True)
        public_key = x509.load_der_x509_certificate(der).public_key()
    except (TypeError, ValueError, IndexError, KeyError, binascii.Error):
        raise SignatureInvalid(
            where, "x5c does not start with a base64 DER X.509 certificate"
        ) from None
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise SignatureInvalid(where, "the x5c certificate does not hold an RSA key")
    try:
        jws.deserialize_compact(
            token,
            RSAKey.import_key(public_key),
            algorithms=[header["alg"]],
            registry=_REGISTRY,
        )
    except BadSignatureError:
        raise SignatureInvalid(
            where, "the signature does not verify with the x5c certificate's key"
        ) from None


def _same_statement(signed: dict, received: dict) -> bool:
    """Logical equivalence of Data 2.3.1.s9, for a statement and its signed form."""
    signed, received = _unsigned(signed), _unsigned(received)
    signed, received = versions.comparable(signed), versions.comparable(received)
    if versions.spoken() == versions.V2:
        # 9274 4.2.4.3: the version is not compared.
        signed.pop("version", None)
        received.pop("version", None)
    for key in _SET_BY_LRS:
        signed.pop(key, None)
        received.pop(key, None)
    for key in _FILLED_BY_LRS:
        if key not in signed:
            received.pop(key, None)
        elif _lrs_value(key, signed[key]) != _lrs_value(key, received.pop(key, None)):
            return False
        signed.pop(key, None)
    return _unordered_members(signed) == _unordered_members(received)


def _unsigned(statement: dict) -> dict:
    """The statement without its signature attachments, as it was before signing."""
    unsigned = dict(statement)
    kept = [
        attachment
        for attachment in statement.get("attachments", [])
        if attachment.get("usageType") != SIGNATURE_USAGE
    ]
    unsigned.pop("attachments", None)
    if kept:
        unsigned["attachments"] = kept
    return unsigned


def _lrs_value(key: str, value: object) -> object:
    """A value of id, timestamp or version, as it means rather than as written."""
    if key == "version":
        return value or _DEFAULT_VERSION
    try:
        if key == "id":
            return uuid.UUID(str(value))
        # Data 2.3.1.b4: another serialization of the same instant is equal.
        return datetime.fromisoformat(str(value))
    except ValueError:
        return value


def _unordered_members(value: object) -> object:
    """The value with each Group's members in a fixed order (Data 2.3.1.b5)."""
    if isinstance(value, list):
        return [_unordered_members(item) for item in value]
    if not isinstance(value, dict):
        return value
    normal = {key: _unordered_members(item) for key, item in value.items()}
    if value.get("objectType") == "Group" and isinstance(normal.get("member"), list):
        normal["member"] = sorted(
            normal["member"], key=lambda member: json.dumps(member, sort_keys=True)
        )
    return normal
