"""The 1EdTech Open Badges 2.0 validator accepts our hosted and baked badges.

The validator runs in its own virtual environment (.venv-obvalidator, made by
`make test`), offline, against the live test server: it fetches the assertion,
the badge class, the issuer and the images over HTTP as any verifier would.
"""

from pathlib import Path

import pytest

from badges import links
from tests.badges.factories import assertion_with_everything
from tests.badges.outside import verdict_of

ROOT = Path(__file__).resolve().parents[2]
VALIDATOR_PYTHON = ROOT / ".venv-obvalidator" / "bin" / "python"
VALIDATE = Path(__file__).parent / "validator" / "validate.py"


def validate(badge: str, *, email: str = "", url: str = "") -> dict:
    assert VALIDATOR_PYTHON.exists(), "Run `make test` (it builds .venv-obvalidator)."
    expected = ["--email", email] if email else ["--url", url]
    return verdict_of([str(VALIDATOR_PYTHON), str(VALIDATE), badge, *expected])


@pytest.fixture
def assertion(live_server, settings):
    settings.SITE_BASE_URL = live_server.url
    return assertion_with_everything(tags="sécurité", expiry_days=365)


@pytest.mark.django_db(transaction=True)
def test_the_validator_accepts_the_hosted_assertion(assertion):
    report = validate(links.assertion_url(assertion), email="lea@example.be")

    assert report["messages"] == []
    assert report["valid"] is True
    assert report["openBadgesVersion"] == "2.0"


@pytest.mark.django_db(transaction=True)
def test_the_validator_refuses_another_recipient(assertion):
    report = validate(links.assertion_url(assertion), email="max@example.be")

    assert report["valid"] is False
    assert [m["name"] for m in report["messages"]] == ["VERIFY_RECIPIENT_IDENTIFIER"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("extension", ["png", "svg"])
def test_the_validator_accepts_the_baked_image(assertion, client, tmp_path, extension):
    baked = tmp_path / f"badge.{extension}"
    baked.write_bytes(client.get(links.baked_image_url(assertion, extension)).content)

    report = validate(str(baked), email="lea@example.be")

    assert report["messages"] == []
    assert report["valid"] is True


@pytest.fixture
def card_holders_assertion(live_server, settings):
    """A badge of a person without e-mail: named by their account's URL."""
    from badges import services
    from learners.models import User
    from tests.badges.factories import badge_class_create

    settings.SITE_BASE_URL = live_server.url
    person = User.objects.create_assisted_user(display_name="Léa")
    return services.badge_award(
        badge_class=badge_class_create(name="Courriels sûrs"), recipient=person
    ).assertion


@pytest.mark.django_db(transaction=True)
def test_the_validator_accepts_a_badge_named_by_the_account_url(
    card_holders_assertion, client, tmp_path
):
    from learners.statements import learner_iri

    iri = learner_iri(card_holders_assertion.recipient)
    baked = tmp_path / "badge.png"
    baked.write_bytes(
        client.get(links.baked_image_url(card_holders_assertion, "png")).content
    )

    for badge in (links.assertion_url(card_holders_assertion), str(baked)):
        report = validate(badge, url=iri)
        assert report["messages"] == [], badge
        assert report["valid"] is True, badge

    other = validate(links.assertion_url(card_holders_assertion), url=iri + "0")
    assert other["valid"] is False
    assert [m["name"] for m in other["messages"]] == ["VERIFY_RECIPIENT_IDENTIFIER"]
