"""Open Badges 3.0 credentials with an embedded Data Integrity proof.

Beside the VC-JWT (badges.credentials), the same OpenBadgeCredential secured
the other way Open Badges 3.0 allows: a ``DataIntegrityProof`` with the
cryptosuite eddsa-rdfc-2022 (W3C VC Data Integrity EdDSA Cryptosuites v1.0,
3.2). Its issuer is a ``did:web`` DID whose document the platform serves, so
a verifier resolves the key from the issuer's own site instead of trusting a
key shipped inside the credential.

The canonical form is JSON-LD's (RDFC-1.0, which pyld implements under its
earlier name URDNA2015), computed with the contexts the npm packages publish
(``make`` exports them, see badges/jsonld/export_contexts.cjs): a context is
never fetched over the network, so nobody can change what a credential means
by changing a server we do not own.
"""

from __future__ import annotations

import functools
import hashlib
import json
from urllib.parse import quote, urlsplit

import base58
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from pyld import jsonld

from badges import credentials, links
from badges.models import Assertion, Issuer

CRYPTOSUITE = "eddsa-rdfc-2022"
# VC Data Model 2.0, 6.3: a credential secured by an embedded proof.
MEDIA_TYPE = "application/vc"
DID_CONTEXT = [
    "https://www.w3.org/ns/did/v1",
    "https://w3id.org/security/multikey/v1",
]
# The multicodec prefix of an Ed25519 public key in a Multikey (0xed, varint).
ED25519_PUB_PREFIX = b"\xed\x01"
KEY_FRAGMENT = "key-1"
CONTEXTS_FILE = settings.BASE_DIR / "static" / "vendor" / "jsonld-contexts.json"


# -- the issuer's DID --------------------------------------------------------------


def issuer_did(issuer: Issuer) -> str:
    """The issuer's did:web (DID Method did:web, 3.2): the site's host, its
    port percent-encoded, then the DID document's path without ``/did.json``,
    its slashes as colons."""
    url = urlsplit(links.issuer_did_document_url(issuer))
    path = url.path.removesuffix("/did.json").strip("/")
    return ":".join(["did:web", quote(url.netloc, safe=""), *path.split("/")])


def verification_method_id(issuer: Issuer) -> str:
    return f"{issuer_did(issuer)}#{KEY_FRAGMENT}"


def public_key_multibase(issuer: Issuer) -> str:
    """The issuer's Ed25519 public key as a Multikey value: base58btc
    ("z"), multicodec prefix, then the 32 raw bytes."""
    public = _signing_key(issuer).public_key()
    raw = public.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "z" + base58.b58encode(ED25519_PUB_PREFIX + raw).decode()


def did_document(issuer: Issuer) -> dict:
    """The DID document of the issuer: its Ed25519 key, for assertions, and
    its Open Badges profile URL as another name for the same issuer."""
    did = issuer_did(issuer)
    method = verification_method_id(issuer)
    return {
        "@context": DID_CONTEXT,
        "id": did,
        "alsoKnownAs": [links.issuer_url(issuer)],
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": public_key_multibase(issuer),
            }
        ],
        "assertionMethod": [method],
    }


# -- the credential and its proof -------------------------------------------------


def credential_with_proof(assertion: Assertion, issuer: Issuer, *, now) -> dict:
    """The OpenBadgeCredential issued by the issuer's DID, with its proof.
    Its status is read in the status list the same DID issues: a verifier
    checks that both have one issuer."""
    document = credentials.credential(
        assertion,
        issuer,
        url=links.credential_with_proof_url(assertion),
        issuer_id=issuer_did(issuer),
        status_list_url=links.issuer_status_list_with_proof_url(issuer),
    )
    return _with_proof(document, issuer, now=now)


def status_list_with_proof(issuer: Issuer, revoked: list[int], *, now) -> dict:
    """The issuer's revocation status list (the same bits as the VC-JWT
    list), issued by its DID, with its proof."""
    url = links.issuer_status_list_with_proof_url(issuer)
    document = credentials.status_list(url, issuer_did(issuer), revoked, now=now)
    return _with_proof(document, issuer, now=now)


def _with_proof(document: dict, issuer: Issuer, *, now) -> dict:
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": credentials.timestamp(now),
        "verificationMethod": verification_method_id(issuer),
        "proofPurpose": "assertionMethod",
    }
    return {
        **document,
        "proof": {**options, "proofValue": _proof_value(document, options, issuer)},
    }


def _proof_value(document: dict, options: dict, issuer: Issuer) -> str:
    """eddsa-rdfc-2022 (3.2.4 to 3.2.6): the SHA-256 of the canonical proof
    options, then of the canonical credential, signed with Ed25519, in
    base58btc."""
    proof_config = {**options, "@context": document["@context"]}
    hash_data = _canonical_hash(proof_config) + _canonical_hash(document)
    signature = _signing_key(issuer).sign(hash_data)
    return "z" + base58.b58encode(signature).decode()


def _canonical_hash(document: dict) -> bytes:
    canonical = jsonld.normalize(
        document,
        {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "documentLoader": _load_context,
        },
    )
    return hashlib.sha256(canonical.encode()).digest()


def _signing_key(issuer: Issuer):
    return credentials.private_key(issuer, credentials.ALGORITHM).private_key


@functools.cache
def _contexts() -> dict:
    with CONTEXTS_FILE.open(encoding="utf-8") as exported:
        return json.load(exported)


def _load_context(url: str, options=None) -> dict:
    """pyld's document loader: only the contexts exported from npm."""
    document = _contexts().get(url)
    if document is None:
        raise jsonld.JsonLdError(
            f"The JSON-LD context {url} is not one the platform knows.",
            "jsonld.LoadDocumentError",
            code="loading remote context failed",
        )
    return {"contextUrl": None, "documentUrl": url, "document": document}
