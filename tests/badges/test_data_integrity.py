"""Open Badges 3.0 credentials with a Data Integrity proof (eddsa-rdfc-2022),
issued by a did:web DID the platform serves.

They are checked from outside the platform's code: Digital Bazaar's vc library
(tests/badges/verify_data_integrity.mjs, run by Node) downloads nothing but what
a verifier would, over HTTP from the live test server: the DID document for the
key, and the status list for revocation.
"""

import base64
import json
from pathlib import Path

import base58
import pytest
import requests

from badges import data_integrity, links, services
from tests.badges.factories import assertion_with_everything, badge_class_create
from tests.badges.outside import verdict_of
from tests.factories import learner_create

ROOT = Path(__file__).resolve().parents[2]
VERIFIER = Path(__file__).parent / "verify_data_integrity.mjs"


def verify(credential: dict, tmp_path: Path) -> dict:
    """The outside verifier's verdict on a credential."""
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(credential), encoding="utf-8")
    command = ["node", str(VERIFIER), str(path), "--did-web-scheme=http"]
    return verdict_of(command, cwd=ROOT)


def download(assertion) -> dict:
    response = requests.get(links.credential_with_proof_url(assertion), timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/vc"
    return response.json()


@pytest.fixture
def assertion(live_server, settings):
    settings.SITE_BASE_URL = live_server.url
    return assertion_with_everything(tags="sécurité", expiry_days=365)


@pytest.mark.django_db(transaction=True)
def test_a_verifier_checks_the_credential_with_the_key_of_the_did_document(
    assertion, tmp_path
):
    credential = download(assertion)
    issuer = services.issuer_of(assertion.badge_class)

    assert verify(credential, tmp_path) == {
        "verified": True,
        "revoked": False,
        "errors": [],
    }
    did = data_integrity.issuer_did(issuer)
    assert credential["issuer"]["id"] == did
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["credentialSubject"]["achievement"]["name"] == (
        assertion.badge_class.name
    )
    proof = credential["proof"]
    assert proof["type"] == "DataIntegrityProof"
    assert proof["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof["proofPurpose"] == "assertionMethod"
    assert proof["verificationMethod"] == f"{did}#key-1"
    assert proof["proofValue"].startswith("z")  # multibase base58btc
    assert "lea@example.be" not in json.dumps(credential)


@pytest.mark.django_db(transaction=True)
def test_a_changed_credential_does_not_verify(assertion, tmp_path):
    credential = download(assertion)
    credential["credentialSubject"]["achievement"]["name"] = "Expert en tout"

    verdict = verify(credential, tmp_path)

    assert verdict["verified"] is False
    assert "Invalid signature." in " ".join(verdict["errors"])


@pytest.mark.django_db(transaction=True)
def test_a_verifier_shown_an_old_credential_learns_it_was_revoked(assertion, tmp_path):
    """The credential downloaded before the revocation keeps a valid proof;
    the status list its issuer signs says it is revoked. Another credential
    of the same issuer stays valid, and no new copy can be downloaded."""
    other = services.badge_award(
        badge_class=assertion.badge_class,
        recipient=learner_create(email="tom@example.be"),
    ).assertion
    credential = download(assertion)

    services.badge_revoke(assertion=assertion, reason="Attribué par erreur")

    assert verify(credential, tmp_path)["revoked"] is True
    assert verify(credential, tmp_path)["verified"] is False
    assert verify(download(other), tmp_path)["verified"] is True
    gone = requests.get(links.credential_with_proof_url(assertion), timeout=10)
    assert gone.status_code == 410
    assert gone.content == b""


@pytest.mark.django_db(transaction=True)
def test_the_did_document_publishes_the_key_of_the_jwk_set(assertion):
    """One Ed25519 key: the same in the DID document (Multikey) and in the
    JWK Set of the VC-JWTs, never its private half."""
    issuer = services.issuer_of(assertion.badge_class)
    response = requests.get(links.issuer_did_document_url(issuer), timeout=10)
    document = response.json()
    jwk = requests.get(links.issuer_jwks_url(issuer), timeout=10).json()["keys"][0]

    assert response.headers["Content-Type"] == "application/did+ld+json"
    assert document["id"] == data_integrity.issuer_did(issuer)
    assert document["alsoKnownAs"] == [links.issuer_url(issuer)]
    (method,) = document["verificationMethod"]
    assert document["assertionMethod"] == [method["id"]]
    assert method["type"] == "Multikey"
    assert method["controller"] == document["id"]
    decoded = base58.b58decode(method["publicKeyMultibase"][1:])
    assert decoded[:2] == b"\xed\x01"  # multicodec ed25519-pub
    assert decoded[2:] == base64.urlsafe_b64decode(jwk["x"] + "=")
    assert set(method) == {"id", "type", "controller", "publicKeyMultibase"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("site", "did_start"),
    [
        ("https://competences.example.be", "did:web:competences.example.be:"),
        (
            "https://competences.example.be:8443",
            "did:web:competences.example.be%3A8443:",
        ),
    ],
)
def test_the_did_web_names_the_site_and_the_path_of_its_document(
    settings, site, did_start
):
    settings.SITE_BASE_URL = site
    issuer = services.issuer_of(badge_class_create())

    did = data_integrity.issuer_did(issuer)

    assert did == f"{did_start}badges:issuers:{issuer.uuid}"
    assert links.issuer_did_document_url(issuer) == (
        f"{site}/badges/issuers/{issuer.uuid}/did.json"
    )
