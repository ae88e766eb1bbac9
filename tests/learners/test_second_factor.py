"""A second factor for staff: a code from an authenticator app (allauth.mfa)."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from tests.factories import PASSWORD, editor_create, learner_create

pytestmark = pytest.mark.django_db


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def sign_in(client, email, *, next_url=""):
    query = f"?next={next_url}" if next_url else ""
    return client.post(
        reverse("account_login") + query, {"login": email, "password": PASSWORD}
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def editor(db):
    return editor_create(email="elise@example.be", can_publish=False)


def test_staff_find_the_second_factor_on_their_profile(client, editor, learner):
    mfa_url = reverse("mfa_index")
    client.force_login(editor)
    assert mfa_url in client.get(reverse("learners:profile")).content.decode()
    assert client.get(mfa_url).status_code == 200

    client.force_login(learner)
    assert mfa_url not in client.get(reverse("learners:profile")).content.decode()


def test_staff_set_up_an_authenticator_app(client, editor):
    sign_in(client, editor.email)
    asked = client.get(reverse("mfa_activate_totp"))
    client.post(asked["Location"], {"password": PASSWORD})  # confirms it is them
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert "data:image/svg+xml" in page.content.decode()  # the QR code to scan
    secret = client.session["mfa.totp.secret"]

    client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})

    assert Authenticator.objects.filter(
        user=editor, type=Authenticator.Type.TOTP
    ).exists()


def test_staff_with_an_authenticator_give_its_code_to_sign_in(client, editor):
    secret = generate_totp_secret()
    TOTP.activate(editor, secret)

    asked = sign_in(client, editor.email, next_url="/admin/")
    assert asked["Location"] == reverse("mfa_authenticate")
    assert not signed_in(client)  # the password alone is not enough

    wrong = "000000" if current_code(secret) != "000000" else "111111"
    client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert not signed_in(client)

    response = client.post(
        reverse("mfa_authenticate"), {"code": current_code(secret)}, follow=True
    )
    assert signed_in(client)
    assert response.redirect_chain[-1][0] == "/admin/"


def test_people_without_an_authenticator_sign_in_with_their_password(client):
    person = learner_create(email="jeanne@example.be")

    sign_in(client, person.email)

    assert signed_in(client)
