"""Absolute URLs of the public Open Badges documents.

Issuer, badge class and assertion ids are URLs on one host, the site's
(``SITE_BASE_URL``): a verifier fetches each id and checks they agree.
"""

from __future__ import annotations

from django.urls import reverse

from common.links import absolute


def issuer_url(issuer) -> str:
    return absolute(reverse("badges:issuer", args=[issuer.uuid]))


def revocation_list_url(issuer) -> str:
    return absolute(reverse("badges:revocations", args=[issuer.uuid]))


def badge_class_url(badge_class) -> str:
    return absolute(reverse("badges:badge_class", args=[badge_class.uuid]))


def badge_class_image_url(badge_class) -> str:
    return absolute(reverse("badges:badge_class_image", args=[badge_class.uuid]))


def issuer_image_url(issuer) -> str:
    return absolute(reverse("badges:issuer_image", args=[issuer.uuid]))


def assertion_url(assertion) -> str:
    return absolute(reverse("badges:assertion", args=[assertion.uuid]))


def baked_image_url(assertion, extension: str = "png") -> str:
    return absolute(reverse("badges:baked_image", args=[assertion.uuid, extension]))


def badge_page_url(assertion) -> str:
    return absolute(reverse("badges:badge_page", args=[assertion.uuid]))


def issuer_status_list_url(issuer) -> str:
    return absolute(reverse("badges:issuer_status_list", args=[issuer.uuid]))


def issuer_jwks_url(issuer) -> str:
    return absolute(reverse("badges:issuer_jwks", args=[issuer.uuid]))


def issuer_key_id(issuer, algorithm: str = "EdDSA") -> str:
    """The URL of one key of the issuer's JWK Set: Ed25519, or RSA (RS256)."""
    fragment = "key-1" if algorithm == "EdDSA" else "key-rs256"
    return f"{issuer_jwks_url(issuer)}#{fragment}"


def credential_url(assertion, algorithm: str = "EdDSA") -> str:
    name = "badges:credential" if algorithm == "EdDSA" else "badges:credential_rs256"
    return absolute(reverse(name, args=[assertion.uuid]))


def credential_with_proof_url(assertion) -> str:
    """The credential with an embedded Data Integrity proof (JSON-LD)."""
    return absolute(reverse("badges:credential_with_proof", args=[assertion.uuid]))


def issuer_status_list_with_proof_url(issuer) -> str:
    return absolute(reverse("badges:issuer_status_list_with_proof", args=[issuer.uuid]))


def issuer_did_document_url(issuer) -> str:
    """Where the issuer's did:web resolves: its DID document."""
    return absolute(reverse("badges:issuer_did_document", args=[issuer.uuid]))


def certificate_url(certificate) -> str:
    return absolute(reverse("badges:certificate", args=[certificate.uuid]))
