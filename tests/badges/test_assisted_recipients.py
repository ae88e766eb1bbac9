"""Badges of people without e-mail (accounts made at an EPN desk).

Their badge names them by the URL of their learner account, hashed with the
assertion's salt: Open Badges 2.0 recipient type ``url``; in the 3.0 credential
an IdentityObject of type ``identifier`` with the same hash, since 3.0's
identity types have no ``url``. The hash is recomputed here with hashlib from
the specs' rule, never with the platform's function. Adding an e-mail later
leaves the badges already held as they were: still valid, still theirs.
"""

import base64
import hashlib
import json
import logging
import re

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse

from badges import baking, links, services
from badges.models import Assertion, AwardRule
from badges.statements import EARNED
from learners.models import User
from tests.badges.factories import badge_class_create, course_finish
from tests.factories import CourseBuilder, learner_create, site_with_catalogue
from xapi.models import Statement

pytestmark = pytest.mark.django_db


def spec_identity(identity: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((identity + salt).encode()).hexdigest()


def jwt_payload(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_BASE_URL = "https://competences.example.be"
    settings.XAPI_IRI_BASE = "https://competences.example.be/xapi/"


@pytest.fixture
def lea(db):
    return User.objects.create_assisted_user(display_name="Léa", language="fr")


def account_url(person) -> str:
    return f"{django_settings.XAPI_IRI_BASE}learners/{person.learner_uid}"


@pytest.fixture
def assertion(lea):
    return services.badge_award(
        badge_class=badge_class_create(name="Courriels sûrs"), recipient=lea
    ).assertion


def served_recipients(client, assertion) -> dict[str, dict]:
    """The recipient as each served form states it."""
    hosted = client.get(links.assertion_url(assertion))
    assert hosted.status_code == 200
    baked = baking.unbaked(client.get(links.baked_image_url(assertion, "png")).content)
    token = client.get(links.credential_url(assertion)).content.decode()
    [identifier] = jwt_payload(token)["credentialSubject"]["identifier"]
    return {
        "hosted": hosted.json()["recipient"],
        "baked png": baked["recipient"],
        "credential": identifier,
    }


def test_completing_a_course_earns_a_person_without_email_their_badge(lea, committed):
    course = CourseBuilder(site_with_catalogue()).build(
        title="Courriels", modules=1, lessons=2, questions=2
    )
    badge = badge_class_create(rule=AwardRule.COURSE_COMPLETED, rule_course=course)

    with committed(execute=True):
        course_finish(lea, course)

    assertion = Assertion.objects.get(badge_class=badge, recipient=lea)
    assert assertion.recipient_type == "url"
    assert assertion.recipient_hash == spec_identity(account_url(lea), assertion.salt)
    assert Statement.objects.filter(verb_id=EARNED).count() == 1
    assert mail.outbox == []  # nowhere to write: the badge waits in their page


def test_every_served_form_names_the_account_url_hashed_with_the_salt(
    client, lea, assertion
):
    served = served_recipients(client, assertion)

    expected = spec_identity(account_url(lea), assertion.salt)
    for form in ("hosted", "baked png"):
        assert served[form] == {
            "type": "url",
            "hashed": True,
            "salt": assertion.salt,
            "identity": expected,
        }, form
    assert served["credential"] == {
        "type": "IdentityObject",
        "identityType": "identifier",
        "hashed": True,
        "salt": assertion.salt,
        "identityHash": expected,
    }
    svg = client.get(links.baked_image_url(assertion, "svg"))
    assert svg.status_code == 200
    assert baking.unbaked(svg.content) == links.assertion_url(assertion)


def test_the_account_url_is_never_served_in_clear(client, lea, assertion):
    uid = str(lea.learner_uid)
    token = client.get(links.credential_url(assertion)).content.decode()
    for served in (
        client.get(links.assertion_url(assertion)).content.decode(),
        json.dumps(jwt_payload(token)),
        json.dumps(
            baking.unbaked(client.get(links.baked_image_url(assertion, "png")).content)
        ),
        client.get(links.badge_page_url(assertion)).content.decode(),
    ):
        assert uid not in served
        assert uid.replace("-", "") not in served


def test_adding_an_email_later_keeps_the_badges_held(client, lea, assertion):
    lea.email = "lea@example.be"
    lea.save(update_fields=["email"])

    served = served_recipients(client, assertion)

    assert served["hosted"]["type"] == "url"
    assert served["hosted"]["identity"] == spec_identity(
        account_url(lea), assertion.salt
    )
    assert served["credential"]["identityType"] == "identifier"
    # A badge earned from now on names the e-mail address, as for anyone.
    later = services.badge_award(
        badge_class=badge_class_create(name="Mots de passe"), recipient=lea
    ).assertion
    hosted = client.get(links.assertion_url(later)).json()["recipient"]
    assert hosted["type"] == "email"
    assert hosted["identity"] == spec_identity("lea@example.be", later.salt)


def test_people_with_an_email_keep_email_badges(client):
    jeanne = learner_create(email="Jeanne@Example.be")
    assertion = services.badge_award(
        badge_class=badge_class_create(name="Courriels sûrs"), recipient=jeanne
    ).assertion

    served = served_recipients(client, assertion)

    assert assertion.recipient_type == "email"
    assert served["hosted"]["type"] == "email"
    assert served["credential"]["identityType"] == "emailAddress"
    assert served["hosted"]["identity"] == spec_identity(
        "jeanne@example.be", assertion.salt
    )


def test_the_earned_badge_is_not_mailed_to_a_person_without_email(
    lea, committed, caplog
):
    caplog.set_level(logging.INFO, logger="badges")
    with committed(execute=True):
        services.badge_award(
            badge_class=badge_class_create(name="Courriels sûrs"), recipient=lea
        )

    assert mail.outbox == []
    assert "without e-mail: no message sent" in caplog.text
    assert "Léa" not in caplog.text
    assert str(lea.learner_uid) not in caplog.text


def test_the_backpack_and_badge_page_of_a_person_without_email(client, lea, assertion):
    client.force_login(lea)

    backpack = client.get(reverse("badges:backpack"))
    page = client.get(links.badge_page_url(assertion))

    assert backpack.status_code == 200
    assert links.badge_page_url(assertion).endswith(
        reverse("badges:badge_page", args=[assertion.uuid])
    )
    assert "Courriels sûrs" in backpack.content.decode()
    assert page.status_code == 200
    assert "Courriels sûrs" in page.content.decode()


def test_operators_see_who_holds_a_badge_without_email(client, lea, assertion):
    operator = learner_create(
        email="admin@example.be", is_superuser=True, is_staff=True, language="en"
    )
    client.force_login(operator)

    listing = client.get("/admin/badges/awarded/").content.decode()
    cells = [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", listing, re.S)]
    assert "Léa" in cells  # not an empty cell, nor "None"

    response = client.post(
        f"/admin/badges/revoke/{assertion.uuid}/", {"reason": "Erreur"}, follow=True
    )

    assert "of Léa revoked" in response.content.decode()
