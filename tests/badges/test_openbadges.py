"""Hosted Open Badges 2.0 documents, baked images, pages and who sees what."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from badges import baking, links, services
from tests.badges.factories import assertion_with_everything
from tests.factories import PASSWORD, learner_create

pytestmark = pytest.mark.django_db
CONTEXT = "https://w3id.org/openbadges/v2"


@pytest.fixture
def assertion(settings):
    settings.SITE_BASE_URL = "https://competences.example.be"
    return assertion_with_everything(tags="sécurité, courriel", expiry_days=730)


def get_json(client, url):
    response = client.get(url)
    assert response["Content-Type"] == "application/ld+json"
    return response.status_code, json.loads(response.content)


def test_the_assertion_badge_class_and_issuer_link_up_on_one_host(client, assertion):
    status, document = get_json(client, links.assertion_url(assertion))

    assert status == 200
    assert document["@context"] == CONTEXT
    assert document["type"] == "Assertion"
    assert document["id"] == links.assertion_url(assertion)
    assert document["recipient"] == {
        "type": "email",
        "hashed": True,
        "salt": assertion.salt,
        "identity": services.recipient_hash("lea@example.be", assertion.salt),
    }
    assert document["verification"] == {"type": "hosted"}
    assert document["issuedOn"] == assertion.issued_on.isoformat()
    assert document["expires"] == assertion.expires.isoformat()
    assert document["evidence"] == [
        {
            "type": "Evidence",
            "id": "https://portfolio.example.be/lea",
            "narrative": "A repéré trois arnaques.",
        }
    ]
    assert "lea@example.be" not in json.dumps(document)

    _, badge = get_json(client, document["badge"])
    assert badge["type"] == "BadgeClass"
    assert badge["id"] == document["badge"]
    assert badge["criteria"] == {"narrative": "Terminer le cours."}
    assert badge["tags"] == ["sécurité", "courriel"]
    assert badge["alignment"][0]["targetCode"] == "4.1"
    assert badge["alignment"][0]["targetFramework"] == "DigComp 2.2"
    assert "2" in badge["alignment"][0]["targetDescription"]
    image = client.get(badge["image"])
    assert image["Content-Type"] == "image/png"

    _, issuer = get_json(client, badge["issuer"])
    assert issuer["type"] == "Issuer"
    assert issuer["id"] == badge["issuer"]
    assert issuer["email"]
    assert issuer["url"]
    hosts = {
        url.split("/")[2]
        for url in (document["id"], badge["id"], issuer["id"], issuer["revocationList"])
    }
    assert hosts == {"competences.example.be"}


def test_a_revoked_assertion_says_so_and_is_on_the_revocation_list(client, assertion):
    services.badge_revoke(assertion=assertion, reason="Attribué par erreur")

    status, document = get_json(client, links.assertion_url(assertion))
    assert status == 410
    assert document["revoked"] is True
    assert document["revocationReason"] == "Attribué par erreur"
    assert "recipient" not in document

    issuer = services.issuer_of(assertion.badge_class)
    _, revocations = get_json(client, links.revocation_list_url(issuer))
    assert revocations["type"] == "RevocationList"
    assert revocations["revokedAssertions"] == [
        {
            "id": links.assertion_url(assertion),
            "revocationReason": "Attribué par erreur",
        }
    ]
    assert client.get(links.baked_image_url(assertion)).status_code == 410
    page = client.get(links.badge_page_url(assertion)).content.decode()
    assert "Attribué par erreur" in page
    assert 'class="result-ko"' in page
    assert 'class="result-ok"' not in page
    assert "linkedin" not in page  # a revoked badge is not offered for sharing


def test_an_expired_badge_says_so_on_its_page(client, assertion):
    assertion.expires = timezone.now() - timedelta(days=1)
    assertion.save()

    page = client.get(links.badge_page_url(assertion)).content.decode()

    assert 'class="result-ko"' in page
    assert 'class="result-ok"' not in page
    assert assertion.expires.strftime("%Y") in page


@pytest.mark.parametrize("extension", ["png", "svg"])
def test_a_baked_image_carries_the_hosted_assertion(client, assertion, extension):
    response = client.get(links.baked_image_url(assertion, extension))

    assert response.status_code == 200
    assert response["Content-Type"].startswith(f"image/{extension}")
    carried = baking.unbaked(response.content)
    expected = client.get(links.assertion_url(assertion)).json()
    # An SVG carries the assertion's URL, a PNG the whole assertion.
    assert carried == expected or carried == expected["id"]


def test_the_badge_page_shows_the_badge_with_sharing_and_og_metadata(client, assertion):
    page = client.get(links.badge_page_url(assertion)).content.decode()

    assert "Courriels sûrs" in page
    assert "Léa" in page
    assert 'property="og:title" content="Courriels sûrs"' in page
    assert 'property="og:image"' in page
    assert "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME" in page
    assert "lea@example.be" not in page


def test_only_the_recipient_sees_their_backpack(client, assertion):
    other = learner_create(email="max@example.be")

    assert client.get("/badges/backpack/").status_code == 302  # to sign in
    client.login(email=other.email, password=PASSWORD)
    assert "Courriels sûrs" not in client.get("/badges/backpack/").content.decode()
    client.login(email="lea@example.be", password=PASSWORD)
    backpack = client.get("/badges/backpack/").content.decode()
    assert "Courriels sûrs" in backpack
    assert links.baked_image_url(assertion).split("competences.example.be")[1] in (
        backpack
    )


def test_the_backpack_says_in_plain_words_what_each_format_is_for(client, assertion):
    client.cookies["django_language"] = "fr"
    client.login(email="lea@example.be", password=PASSWORD)

    backpack = client.get("/badges/backpack/").content.decode()

    # RS256: the algorithm every Open Badges 3.0 verifier supports.
    wallet = links.credential_url(assertion, "RS256").split("competences.example.be")[1]
    assert f'href="{wallet}" download' in backpack
    assert "portefeuille numérique" in backpack
    assert "authentique et toujours valable" in backpack
    assert "reste net à toutes les tailles" in backpack
    assert "ajoutez-la à un profil comme LinkedIn" in backpack


def test_unknown_ids_and_extensions_are_not_found(client, assertion):
    assert (
        client.get(
            "/badges/assertions/00000000-0000-0000-0000-000000000000"
        ).status_code
        == 404
    )
    assert (
        client.get(f"/badges/assertions/{assertion.uuid}/badge.gif").status_code == 404
    )


def test_awarded_badges_are_public_by_url_but_never_listed(client, assertion):
    assert client.get("/badges/").status_code == 404
    page = client.get(links.badge_page_url(assertion)).content.decode()
    assert '<meta name="robots" content="noindex">' in page
