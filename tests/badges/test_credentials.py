"""Open Badges 3.0 credentials: signed with the issuer's Ed25519 key, checkable
offline with nothing but the published public key and a standard Ed25519
implementation (here cryptography's, not the JOSE library that signs)."""

import base64
import gzip
import json
from xml.etree import ElementTree

import png
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicNumbers

from badges import baking, links, services
from tests.badges.factories import badge_class_create, competence
from tests.factories import learner_create

pytestmark = pytest.mark.django_db


def b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def verify(token: str, jwk: dict) -> dict:
    """Check a compact JWS's EdDSA signature; return its payload."""
    header, payload, signature = token.split(".")
    assert jwk["kty"] == "OKP"
    assert jwk["crv"] == "Ed25519"
    key = Ed25519PublicKey.from_public_bytes(b64decode(jwk["x"]))
    key.verify(b64decode(signature), f"{header}.{payload}".encode())
    return json.loads(b64decode(payload))


@pytest.fixture
def assertion(settings):
    settings.SITE_BASE_URL = "https://competences.example.be"
    badge = badge_class_create(name="Courriels sûrs", expiry_days=365)
    badge.competences.set([competence("4.1")])
    badge.save()
    learner = learner_create(email="lea@example.be")
    return services.badge_award(
        badge_class=badge, recipient=learner, evidence_narrative="Trois arnaques."
    ).assertion


def test_the_credential_verifies_with_the_published_key(client, assertion):
    response = client.get(links.credential_url(assertion))
    assert response["Content-Type"] == "application/vc+jwt"
    token = response.content.decode()

    issuer = services.issuer_of(assertion.badge_class)
    jwks = client.get(links.issuer_jwks_url(issuer)).json()
    assert set(jwks["keys"][0]) == {"kty", "crv", "x", "kid"}  # no private "d"
    assert set(jwks["keys"][1]) == {"kty", "n", "e", "kid"}  # RSA, public only
    header = json.loads(b64decode(token.split(".")[0]))
    assert header["alg"] == "EdDSA"
    assert header["kid"] == jwks["keys"][0]["kid"]
    credential = verify(token, jwks["keys"][0])

    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert credential["iss"] == credential["issuer"]["id"] == links.issuer_url(issuer)
    assert credential["jti"] == credential["id"] == links.credential_url(assertion)
    assert credential["nbf"] == int(assertion.issued_on.timestamp())
    assert credential["exp"] == int(assertion.expires.timestamp())
    subject = credential["credentialSubject"]
    assert subject["identifier"][0]["identityHash"] == services.recipient_hash(
        "lea@example.be", assertion.salt
    )
    assert subject["achievement"]["name"] == "Courriels sûrs"
    assert subject["achievement"]["alignment"][0]["targetCode"] == "4.1"
    assert credential["evidence"] == [
        {"type": ["Evidence"], "narrative": "Trois arnaques."}
    ]
    assert "lea@example.be" not in token


def test_the_credential_carries_what_wallets_and_verifiers_expect(client, assertion):
    """OB 3.0: credentialSchema, name, description, image and awardedDate; the
    DigComp level in the alignment; a JOSE header that says what the media
    type says (VC-JOSE-COSE: typ vc+jwt, cty vc) and names one key."""
    assertion.badge_class.level = 3
    assertion.badge_class.save()
    response = client.get(links.credential_url(assertion))
    token = response.content.decode()
    issuer = services.issuer_of(assertion.badge_class)
    jwks = client.get(links.issuer_jwks_url(issuer)).json()

    header = json.loads(b64decode(token.split(".")[0]))
    credential = verify(token, jwks["keys"][0])

    assert response["Content-Type"] == "application/vc+jwt"
    assert (header["typ"], header["cty"]) == ("vc+jwt", "vc")
    assert [key["kid"] for key in jwks["keys"]].count(header["kid"]) == 1
    assert credential["credentialSchema"] == [
        {
            "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
            "ob_v3p0_achievementcredential_schema.json",
            "type": "1EdTechJsonSchemaValidator2019",
        }
    ]
    assert credential["name"] == "Courriels sûrs"
    assert credential["description"] == assertion.badge_class.description
    assert credential["image"]["id"] == links.badge_class_image_url(
        assertion.badge_class
    )
    assert credential["awardedDate"] == credential["validFrom"]
    alignment = credential["credentialSubject"]["achievement"]["alignment"][0]
    assert alignment["type"] == ["Alignment"]
    assert alignment["targetDescription"].startswith("Proficiency level")
    assert alignment["targetDescription"] != "Proficiency level "


OB3_ACCEPT = (
    'application/ld+json; profile="https://purl.imsglobal.org/spec/ob/v3p0/'
    'context-3.0.3.json", application/json;q=0.5'
)


def test_the_issuer_and_badge_ids_serve_3_0_objects_to_who_asks_for_them(
    client, assertion
):
    """Content negotiation at one id: the 3.0 Profile and Achievement as the
    credential embeds them for a client naming an Open Badges 3.0 context in
    Accept's profile; the 2.0 documents for everyone else."""
    token = client.get(links.credential_url(assertion)).content.decode()
    credential = json.loads(b64decode(token.split(".")[1]))
    embedded = {
        credential["issuer"]["id"]: credential["issuer"],
        credential["credentialSubject"]["achievement"]["id"]: credential[
            "credentialSubject"
        ]["achievement"],
    }

    for url, entity in embedded.items():
        asked_3_0 = client.get(url, HTTP_ACCEPT=OB3_ACCEPT)
        plain = client.get(url, HTTP_ACCEPT="application/ld+json")

        served = asked_3_0.json()
        assert served.pop("@context") == credential["@context"]
        assert served == entity
        assert asked_3_0["Content-Type"].startswith("application/ld+json; profile=")
        assert plain.json()["@context"] == "https://w3id.org/openbadges/v2"
        assert plain.json()["id"] == url
        for response in (asked_3_0, plain):
            assert "Accept" in response["Vary"]  # a cache keeps both apart
    assert embedded[links.badge_class_url(assertion.badge_class)]["type"] == [
        "Achievement"
    ]


def test_the_issuer_email_is_an_address_never_a_mail_header(client, settings):
    settings.DEFAULT_FROM_EMAIL = "Compétences numériques <badges@example.be>"
    settings.SITE_BASE_URL = "https://competences.example.be"
    badge = badge_class_create(name="Premiers pas")
    award = services.badge_award(
        badge_class=badge, recipient=learner_create(email="tom@example.be")
    )
    issuer = services.issuer_of(badge)

    token = client.get(links.credential_url(award.assertion)).content.decode()
    credential = verify(
        token, client.get(links.issuer_jwks_url(issuer)).json()["keys"][0]
    )

    assert issuer.email == "badges@example.be"
    assert credential["issuer"]["email"] == "badges@example.be"


def test_a_tampered_credential_does_not_verify(client, assertion):
    token = client.get(links.credential_url(assertion)).content.decode()
    issuer = services.issuer_of(assertion.badge_class)
    jwk = client.get(links.issuer_jwks_url(issuer)).json()["keys"][0]
    header, payload, signature = token.split(".")
    forged = json.loads(b64decode(payload)) | {"name": "Expert en tout"}
    forged_payload = (
        base64.urlsafe_b64encode(json.dumps(forged).encode()).decode().rstrip("=")
    )

    with pytest.raises(InvalidSignature):
        verify(f"{header}.{forged_payload}.{signature}", jwk)


def test_each_issuer_has_its_own_key_made_once(assertion):
    issuer = services.issuer_key_ensure(services.issuer_of(assertion.badge_class))
    again = services.issuer_key_ensure(issuer)

    assert again.signing_key == issuer.signing_key
    other = services.issuer_key_ensure(
        type(issuer).objects.create(name="EPN", url="https://epn.be", email="a@epn.be")
    )
    assert other.signing_key["x"] != issuer.signing_key["x"]


def test_a_revoked_badge_has_no_credential(client, assertion):
    services.badge_revoke(assertion=assertion, reason="Erreur")

    response = client.get(links.credential_url(assertion))

    assert response.status_code == 410
    assert response.content == b""  # no signed credential left to download
    assert response["Content-Type"] != "application/vc+jwt"
    assert "Content-Disposition" not in response


def _status_bit(encoded: str, index: int) -> int:
    """Read one entry of a Bitstring Status List as a verifier does, with the
    standard library only (multibase "u", base64url, GZIP, left-most bit 0)."""
    assert encoded.startswith("u")
    bits = gzip.decompress(b64decode(encoded[1:]))
    return (bits[index // 8] >> (7 - index % 8)) & 1


def _list_of(client, credential: dict, jwk: dict) -> dict:
    status = credential["credentialStatus"]
    response = client.get(status["statusListCredential"])
    assert response["Content-Type"] == "application/vc+jwt"
    status_list = verify(response.content.decode(), jwk)
    assert status_list["type"] == [
        "VerifiableCredential",
        "BitstringStatusListCredential",
    ]
    assert status_list["issuer"] == credential["issuer"]["id"]
    return status_list["credentialSubject"]


def test_a_verifier_shown_an_old_credential_learns_it_was_revoked(client, assertion):
    """The credential downloaded before the revocation still verifies as a
    signature; its status entry, read in the issuer's signed list, says
    revoked. Another credential of the same list stays valid."""
    other = services.badge_award(
        badge_class=assertion.badge_class,
        recipient=learner_create(email="tom@example.be"),
    ).assertion
    token = client.get(links.credential_url(assertion)).content.decode()
    issuer = services.issuer_of(assertion.badge_class)
    jwk = client.get(links.issuer_jwks_url(issuer)).json()["keys"][0]
    credential = verify(token, jwk)
    status = credential["credentialStatus"]
    index = int(status["statusListIndex"])
    other_index = int(
        verify(client.get(links.credential_url(other)).content.decode(), jwk)[
            "credentialStatus"
        ]["statusListIndex"]
    )

    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "revocation"
    before = _list_of(client, credential, jwk)
    assert before["statusPurpose"] == "revocation"
    assert len(gzip.decompress(b64decode(before["encodedList"][1:]))) >= 16_384
    assert _status_bit(before["encodedList"], index) == 0

    services.badge_revoke(assertion=assertion, reason="Attribué par erreur")

    after = _list_of(client, credential, jwk)
    assert _status_bit(after["encodedList"], index) == 1
    assert _status_bit(after["encodedList"], other_index) == 0
    assert verify(token, jwk)["id"] == credential["id"]  # still a valid signature


def verify_rs256(token: str, jwks: list[dict]) -> tuple[dict, dict]:
    """Check a compact JWS's RS256 signature with the JWK its header names
    (cryptography's RSA, PKCS#1 v1.5); return its header and payload."""
    header_part, payload_part, signature = token.split(".")
    header = json.loads(b64decode(header_part))
    [rsa_jwk] = [key for key in jwks if key["kid"] == header["kid"]]
    assert rsa_jwk["kty"] == "RSA"
    public = RSAPublicNumbers(
        int.from_bytes(b64decode(rsa_jwk["e"]), "big"),
        int.from_bytes(b64decode(rsa_jwk["n"]), "big"),
    ).public_key()
    public.verify(
        b64decode(signature),
        f"{header_part}.{payload_part}".encode(),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )
    return header, json.loads(b64decode(payload_part))


def test_the_rs256_credential_verifies_with_the_published_rsa_key(client, assertion):
    """OB 3.0 verifiers must support RS256: the same credential, signed with
    the issuer's RSA key."""
    response = client.get(links.credential_url(assertion, "RS256"))
    issuer = services.issuer_of(assertion.badge_class)
    jwks = client.get(links.issuer_jwks_url(issuer)).json()["keys"]

    header, credential = verify_rs256(response.content.decode(), jwks)

    assert response["Content-Type"] == "application/vc+jwt"
    assert (header["alg"], header["typ"]) == ("RS256", "vc+jwt")
    assert header["kid"] != jwks[0]["kid"]  # one key each
    assert credential["id"] == links.credential_url(assertion)
    assert credential["credentialStatus"]["type"] == "BitstringStatusListEntry"


def test_the_png_carries_the_3_0_credential_beside_the_2_0_assertion(client, assertion):
    """OB 3.0, 5.3.1: an iTXt chunk "openbadgecredential", uncompressed, with
    the compact JWS; read here with pypng, not the platform's code."""
    image = client.get(links.baked_image_url(assertion, "png")).content
    issuer = services.issuer_of(assertion.badge_class)
    jwks = client.get(links.issuer_jwks_url(issuer)).json()["keys"]

    texts = {}
    for kind, data in png.Reader(bytes=image).chunks():
        if kind == b"iTXt":
            keyword, rest = data.split(b"\x00", 1)
            texts[keyword] = rest
    carried = texts[b"openbadgecredential"]
    assert carried[:4] == b"\x00\x00\x00\x00"  # not compressed, no language
    _header, credential = verify_rs256(carried[4:].decode(), jwks)

    assert credential["id"] == links.credential_url(assertion)
    assert b"openbadges" in texts  # the 2.0 assertion is still there
    assert baking.unbaked(image)["id"] == links.assertion_url(assertion)


def test_the_3_0_svg_carries_the_credential_in_its_namespace(client, assertion):
    """OB 3.0, 5.3.2: <openbadges:credential verify="JWS"> right after <svg>,
    in the namespace https://purl.imsglobal.org/ob/v3p0."""
    response = client.get(links.baked_image_url(assertion, "ob3.svg"))
    issuer = services.issuer_of(assertion.badge_class)
    jwks = client.get(links.issuer_jwks_url(issuer)).json()["keys"]

    root = ElementTree.fromstring(response.content)
    first = root[0]

    assert response["Content-Type"] == "image/svg+xml"
    assert first.tag == "{https://purl.imsglobal.org/ob/v3p0}credential"
    _header, credential = verify_rs256(first.attrib["verify"], jwks)
    assert credential["credentialSubject"]["achievement"]["name"] == "Courriels sûrs"
