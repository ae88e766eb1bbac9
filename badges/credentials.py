"""Open Badges 3.0: each assertion as a W3C Verifiable Credential, signed (VC-JWT).

The credential is signed with its issuer's Ed25519 key (joserfc); the JWT payload
is the credential itself with the registered claims iss, jti, sub, nbf and exp
(Open Badges 3.0, VC-JWT proof format). The issuer's public key is published as
a JWK Set, and travels in the JWT header too, so that anyone can check a
downloaded credential offline.
"""

from __future__ import annotations

import base64
import gzip
import warnings

from joserfc import jwt
from joserfc.jwk import OKPKey, RSAKey

from badges import links
from badges.models import Assertion, Issuer, RecipientType
from badges.openbadges import digcomp_alignment

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    # Defines 1EdTechJsonSchemaValidator2019, the credentialSchema type Open
    # Badges 3.0 requires: without it the type is a relative IRI, which a JSON-LD
    # processor in safe mode (every Data Integrity verifier) refuses.
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
]
# Open Badges 3.0 names of the 2.0 identity types (IdentifierTypeEnum). It has
# no "url": an account URL is an ``identifier``, hashed as in 2.0, so the same
# known value verifies both forms of a badge.
IDENTITY_TYPES = {
    RecipientType.EMAIL: "emailAddress",
    RecipientType.URL: "identifier",
}
CREDENTIAL_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
    "ob_v3p0_achievementcredential_schema.json"
)
# The media type the credential is served with (application/vc+jwt) and the
# JOSE header say the same thing (VC-JOSE-COSE 3.1.1: typ "vc+jwt", cty "vc").
MEDIA_TYPE = "application/vc+jwt"
# "EdDSA" is the name Open Badges 3.0 and today's verifiers know; RFC 9864 now
# prefers "Ed25519" for the same signature.
ALGORITHM = "EdDSA"
# The algorithm every Open Badges 3.0 verifier must support (OB 3.0, 8.2.3).
RS256 = "RS256"


def issuer_public_jwks(issuer: Issuer) -> dict:
    """The issuer's public keys as a JWK Set (only the public halves): the
    Ed25519 key, then the RSA key."""
    return {"keys": [_public_jwk(issuer, ALGORITHM), _public_jwk(issuer, RS256)]}


def private_key(issuer: Issuer, algorithm: str):
    if algorithm == RS256:
        return RSAKey.import_key(issuer.rsa_signing_key)
    return OKPKey.import_key(issuer.signing_key)


def _public_jwk(issuer: Issuer, algorithm: str) -> dict:
    public = private_key(issuer, algorithm).as_dict(private=False)
    return {**public, "kid": links.issuer_key_id(issuer, algorithm)}


def achievement(badge) -> dict:
    """The badge class as an Open Badges 3.0 Achievement."""
    return {
        "id": links.badge_class_url(badge),
        "type": ["Achievement"],
        "name": badge.name,
        "description": badge.description,
        "criteria": {"narrative": badge.criteria},
        "image": {"id": links.badge_class_image_url(badge), "type": "Image"},
        "tag": badge.tag_list,
        "alignment": [
            {
                **digcomp_alignment(competence, badge.get_level_display()),
                "type": ["Alignment"],
            }
            for competence in badge.competences.all()
        ],
    }


def profile(issuer: Issuer) -> dict:
    """The issuer as an Open Badges 3.0 Profile."""
    return {
        "id": links.issuer_url(issuer),
        "type": ["Profile"],
        "name": issuer.name,
        "url": issuer.url,
        "email": issuer.email_address,
    }


def document_of(entity: dict) -> dict:
    """A Profile or an Achievement served alone, at its id (JSON-LD)."""
    return {"@context": CONTEXT, **entity}


def credential(
    assertion: Assertion,
    issuer: Issuer,
    *,
    url: str = "",
    issuer_id: str = "",
    status_list_url: str = "",
) -> dict:
    """The OpenBadgeCredential of an assertion (unsigned): at ``url``, issued
    by ``issuer_id``, its status in the list at ``status_list_url`` (by
    default, the VC-JWT credential's own addresses and the issuer's URL)."""
    badge = assertion.badge_class
    issued_by = profile(issuer)
    if issuer_id:
        issued_by["id"] = issuer_id
    document = {
        "@context": CONTEXT,
        "id": url or links.credential_url(assertion),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issued_by,
        "validFrom": timestamp(assertion.issued_on),
        "awardedDate": timestamp(assertion.issued_on),
        "name": badge.name,
        "description": badge.description,
        "image": {"id": links.badge_class_image_url(badge), "type": "Image"},
        "credentialStatus": status_entry(
            assertion, status_list_url or links.issuer_status_list_url(issuer)
        ),
        # What a verifier checks the credential's shape against (OB 3.0, 8.1).
        "credentialSchema": [
            {"id": CREDENTIAL_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}
        ],
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": assertion.recipient_hash,
                    "identityType": IDENTITY_TYPES[assertion.recipient_type],
                    "hashed": True,
                    "salt": assertion.salt,
                }
            ],
            "achievement": achievement(badge),
        },
    }
    if assertion.expires:
        document["validUntil"] = timestamp(assertion.expires)
    if assertion.evidence_url or assertion.evidence_narrative:
        evidence = {"type": ["Evidence"]}
        if assertion.evidence_url:
            evidence["id"] = assertion.evidence_url
        if assertion.evidence_narrative:
            evidence["narrative"] = assertion.evidence_narrative
        document["evidence"] = [evidence]
    return document


def credential_jwt(
    assertion: Assertion, issuer: Issuer, *, algorithm: str = ALGORITHM
) -> str:
    """The credential signed by its issuer, as a compact JWS (VC-JWT), with
    EdDSA or RS256."""
    document = credential(assertion, issuer)
    claims = {
        **document,
        "iss": document["issuer"]["id"],
        "jti": document["id"],
        "nbf": int(assertion.issued_on.timestamp()),
    }
    if assertion.expires:
        claims["exp"] = int(assertion.expires.timestamp())
    return _signed(claims, issuer, algorithm)


def _signed(claims: dict, issuer: Issuer, algorithm: str = ALGORITHM) -> str:
    header = {
        "alg": algorithm,
        "typ": "vc+jwt",
        "cty": "vc",
        # The one key of the issuer's JWK Set that signed, by its URL; the key
        # itself travels too, for a verifier offline.
        "kid": links.issuer_key_id(issuer, algorithm),
        "jwk": _public_jwk(issuer, algorithm),
    }
    key = private_key(issuer, algorithm)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the RFC 9864 naming notice, see ALGORITHM
        return jwt.encode(header, claims, key, algorithms=[algorithm])


# -- revocation: W3C Bitstring Status List ------------------------------------------
# Each credential points at one bit of its issuer's status list, the bit of its
# assertion's number; revoking the assertion sets the bit, so a verifier shown
# a credential downloaded before learns that it is revoked. (1EdTech's own
# revocation list is what verifiers now skip as legacy.)

# Bitstring Status List 1.0, 3.1: at least 131,072 entries (16 KB), so that
# fetching the list says nothing of which credential is checked.
STATUS_LIST_MIN_ENTRIES = 131_072


def status_entry(assertion: Assertion, url: str) -> dict:
    """The credential's entry in the status list at ``url``: its
    assertion's bit."""
    return {
        "id": f"{url}#{assertion.pk}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(assertion.pk),
        "statusListCredential": url,
    }


def encoded_status_list(revoked: list[int]) -> str:
    """The revoked entries as the spec encodes them: a bitstring (entry 0 is
    the left-most bit), GZIP-compressed, base64url without padding, with the
    multibase prefix "u"."""
    entries = max([STATUS_LIST_MIN_ENTRIES, *(index + 1 for index in revoked)])
    bits = bytearray((entries + 7) // 8)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def status_list(url: str, issuer_id: str, revoked: list[int], *, now) -> dict:
    """The revocation status list at ``url`` as a credential of its issuer
    (unsigned)."""
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id,
        "validFrom": timestamp(now),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_status_list(revoked),
        },
    }


def status_list_jwt(issuer: Issuer, revoked: list[int], *, now) -> str:
    """The issuer's revocation status list, a credential it signs."""
    url = links.issuer_status_list_url(issuer)
    document = status_list(url, links.issuer_url(issuer), revoked, now=now)
    claims = {
        **document,
        "iss": document["issuer"],
        "jti": url,
        "nbf": int(now.timestamp()),
    }
    return _signed(claims, issuer)


def timestamp(moment) -> str:
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")
