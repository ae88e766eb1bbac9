"""Open Badges 2.0 documents (JSON-LD) of issuers, badge classes and assertions.

Every document names the Open Badges v2 context and its own URL as ``id``; the
assertion is verified by hosting ("hosted" verification): a verifier fetches it
at its id, then its badge class, then the issuer.
"""

from __future__ import annotations

from badges import links
from badges.models import Assertion, BadgeClass, Issuer

CONTEXT = "https://w3id.org/openbadges/v2"
DIGCOMP_URL = "https://joint-research-centre.ec.europa.eu/digcomp/digcomp-framework_en"
DIGCOMP_FRAMEWORK = "DigComp 2.2"


def issuer_document(issuer: Issuer) -> dict:
    document = {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": links.issuer_url(issuer),
        "name": issuer.name,
        "url": issuer.url,
        "email": issuer.email_address,
        "revocationList": links.revocation_list_url(issuer),
    }
    if issuer.description:
        document["description"] = issuer.description
    if issuer.image_id:
        document["image"] = links.issuer_image_url(issuer)
    return document


def badge_class_document(badge_class: BadgeClass, issuer: Issuer) -> dict:
    document = {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": links.badge_class_url(badge_class),
        "name": badge_class.name,
        "description": badge_class.description,
        "image": links.badge_class_image_url(badge_class),
        "criteria": {"narrative": badge_class.criteria},
        "issuer": links.issuer_url(issuer),
        "tags": badge_class.tag_list,
        "alignment": [
            digcomp_alignment(competence, badge_class.get_level_display())
            for competence in badge_class.competences.all()
        ],
    }
    return document


def digcomp_alignment(competence, level: str | None) -> dict:
    """A DigComp competence the badge aligns to, with the proficiency level
    (the Open Badges 2.0 AlignmentObject; 3.0 adds its own type)."""
    alignment = {
        "type": "AlignmentObject",
        "targetName": competence.title_en,
        "targetUrl": DIGCOMP_URL,
        "targetFramework": DIGCOMP_FRAMEWORK,
        "targetCode": competence.code,
    }
    if level:
        alignment["targetDescription"] = f"Proficiency level {level}"
    return alignment


def assertion_document(assertion: Assertion) -> dict:
    """The hosted assertion; a revoked one says only that it is revoked, and why."""
    url = links.assertion_url(assertion)
    if assertion.is_revoked:
        return {
            "@context": CONTEXT,
            "type": "Assertion",
            "id": url,
            "revoked": True,
            "revocationReason": assertion.revocation_reason,
        }
    document = {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": url,
        "recipient": {
            # "email", or "url" for a person without one (services.recipient_identity).
            "type": assertion.recipient_type,
            "hashed": True,
            "salt": assertion.salt,
            "identity": assertion.recipient_hash,
        },
        "badge": links.badge_class_url(assertion.badge_class),
        "issuedOn": assertion.issued_on.isoformat(),
        "verification": {"type": "hosted"},
        "image": links.baked_image_url(assertion),
    }
    evidence = _evidence(assertion)
    if evidence:
        document["evidence"] = evidence
    if assertion.expires:
        document["expires"] = assertion.expires.isoformat()
    return document


def _evidence(assertion: Assertion) -> list[dict]:
    if not (assertion.evidence_url or assertion.evidence_narrative):
        return []
    evidence = {"type": "Evidence"}
    if assertion.evidence_url:
        evidence["id"] = assertion.evidence_url
    if assertion.evidence_narrative:
        evidence["narrative"] = assertion.evidence_narrative
    return [evidence]


def revocation_list_document(issuer: Issuer, revoked: list[Assertion]) -> dict:
    return {
        "@context": CONTEXT,
        "type": "RevocationList",
        "id": links.revocation_list_url(issuer),
        "issuer": links.issuer_url(issuer),
        "revokedAssertions": [
            {"id": links.assertion_url(a), "revocationReason": a.revocation_reason}
            for a in revoked
        ],
    }
