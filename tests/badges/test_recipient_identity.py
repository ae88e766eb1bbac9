"""The recipient of a served badge is the e-mail hashed with a salt, per the specs.

Open Badges 2.0 (recipient ``identity``) and 3.0 (``identityHash`` of the
credential subject's IdentityObject) say the same: ``"sha256$"`` then the hex
SHA-256 of the e-mail address followed by the salt. The hash is recomputed
here from that rule with hashlib, never with the platform's own function, on
every form a verifier receives: the hosted assertion, the baked PNG and the
signed credential.
"""

import base64
import hashlib
import json

import pytest

from badges import baking, links, services
from tests.badges.factories import assertion_with_everything, badge_class_create
from tests.factories import learner_create

pytestmark = pytest.mark.django_db
EMAIL = "lea@example.be"


def spec_identity(email: str, salt: str) -> str:
    """Open Badges' hashed identity: sha256$ + hex(sha256(email + salt))."""
    return "sha256$" + hashlib.sha256((email + salt).encode()).hexdigest()


def jwt_payload(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


@pytest.fixture
def assertion(settings):
    settings.SITE_BASE_URL = "https://competences.example.be"
    return assertion_with_everything(tags="sécurité", expiry_days=365)


def served_recipients(client, assertion) -> dict[str, dict]:
    """The recipient as each served form states it, in Open Badges 2.0 terms."""
    hosted = client.get(links.assertion_url(assertion))
    baked = baking.unbaked(client.get(links.baked_image_url(assertion, "png")).content)
    token = client.get(links.credential_url(assertion)).content.decode()
    [identifier] = jwt_payload(token)["credentialSubject"]["identifier"]
    assert identifier["type"] == "IdentityObject"
    assert identifier["identityType"] == "emailAddress"
    return {
        "hosted": hosted.json()["recipient"],
        "baked png": baked["recipient"],
        "credential": {
            "type": "email",
            "hashed": identifier["hashed"],
            "salt": identifier["salt"],
            "identity": identifier["identityHash"],
        },
    }


def test_every_served_form_hashes_the_email_with_its_salt_as_the_specs_say(
    client, assertion
):
    served = served_recipients(client, assertion)

    for form, recipient in served.items():
        assert recipient["type"] == "email", form
        assert recipient["hashed"] is True, form
        assert recipient["salt"], form
        assert recipient["identity"] == spec_identity(EMAIL, recipient["salt"]), form
        # The salt is used, not only shown.
        assert recipient["identity"] != spec_identity(EMAIL, ""), form
    assert len({r["salt"] for r in served.values()}) == 1  # one assertion, one salt


def test_the_plain_email_is_never_served(client, assertion):
    hosted = client.get(links.assertion_url(assertion)).content.decode()
    token = client.get(links.credential_url(assertion)).content.decode()
    baked = json.dumps(
        baking.unbaked(client.get(links.baked_image_url(assertion, "png")).content)
    )

    for served in (hosted, token, json.dumps(jwt_payload(token)), baked):
        assert "@example.be" not in served
        assert "lea@" not in served.lower()


def test_another_email_does_not_match_the_served_hash(client, assertion):
    served = served_recipients(client, assertion)

    for recipient in served.values():
        salt, identity = recipient["salt"], recipient["identity"]
        for other in ("max@example.be", "lea@example.com", "lea@example.be "):
            assert identity != spec_identity(other, salt)


def test_each_assertion_has_its_own_salt_and_so_its_own_hash(client, settings):
    settings.SITE_BASE_URL = "https://competences.example.be"
    lea = learner_create(email=EMAIL)
    first, second = (
        services.badge_award(
            badge_class=badge_class_create(name=name), recipient=lea
        ).assertion
        for name in ("Courriels sûrs", "Mots de passe")
    )

    documents = [client.get(links.assertion_url(a)).json() for a in (first, second)]

    salts = [d["recipient"]["salt"] for d in documents]
    identities = [d["recipient"]["identity"] for d in documents]
    assert salts[0] != salts[1]
    assert identities[0] != identities[1]
    assert identities == [spec_identity(EMAIL, salt) for salt in salts]
    # Long enough random salts that one badge cannot be linked to another's.
    assert all(len(salt) >= 16 for salt in salts)
