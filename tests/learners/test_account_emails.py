"""allauth's e-mails speak as the platform: its name and SITE_BASE_URL."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

BASE = "https://competences.example.be"


@pytest.fixture(autouse=True)
def _site_base(settings):
    settings.SITE_BASE_URL = BASE


def signup(client, email: str):
    with translation.override("en"):
        client.post(
            reverse("account_signup"),
            {
                "email": email,
                "display_name": "Léa",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
            headers={"accept-language": "en"},
        )
    return mail.outbox[-1]


def test_the_signup_confirmation_greets_with_the_platform_name(client, settings):
    sent = signup(client, "lea@example.be")

    greeting = sent.body.splitlines()[0]
    assert greeting == f"Hello from {settings.SITE_NAME}!"
    assert "127.0.0.1" not in sent.body
    assert "testserver" not in sent.body
    assert f"{BASE}/accounts/confirm-email/" in sent.body
    assert sent.body.rstrip().endswith(f"{BASE}/")


def test_the_signup_confirmation_in_french_names_the_platform(client):
    client.post(
        reverse("account_signup"),
        {
            "email": "lea@example.be",
            "display_name": "Léa",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    greeting = mail.outbox[-1].body.splitlines()[0]
    assert "Compétences numériques Wallonie" in greeting
    assert "testserver" not in greeting


def test_password_reset_and_already_registered_mails_use_the_site_base(
    client, learner, settings
):
    already = signup(client, learner.email)
    client.post(reverse("account_reset_password"), {"email": learner.email})
    reset = mail.outbox[-1]

    for sent in (already, reset):
        assert settings.SITE_NAME in sent.body
        assert "testserver" not in sent.body
    assert f"{BASE}/accounts/password/reset/" in already.body
    assert f"{BASE}/accounts/password/reset/key/" in reset.body


def test_the_confirmation_link_on_the_site_base_works(client):
    sent = signup(client, "paul@example.be")
    link = next(w for w in sent.body.split() if "/confirm-email/" in w)

    assert not EmailAddress.objects.get(email="paul@example.be").verified

    response = client.post(link.removeprefix(BASE))

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="paul@example.be").verified
    dashboard = client.get(reverse("learners:dashboard"))
    assert dashboard.status_code == 200
    assert dashboard.context["user"].email == "paul@example.be"
