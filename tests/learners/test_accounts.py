"""Sign-up, e-mail confirmation, sign-in limits and password reset (django-allauth)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from learners.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_signup_needs_email_confirmation_before_sign_in(client):
    client.post(
        reverse("account_signup"),
        {
            "email": "lea@example.be",
            "display_name": "Léa",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    user = User.objects.get(email="lea@example.be")
    assert user.display_name == "Léa"
    assert user.check_password(PASSWORD)
    assert client.get(reverse("learners:dashboard")).status_code == 302  # not in yet

    link = re.search(r"http\S+/accounts/confirm-email/\S+", mail.outbox[-1].body)
    client.post(link.group(0))
    assert client.get(reverse("learners:dashboard")).status_code == 200


def test_signup_with_an_existing_email_creates_nothing_and_tells_the_owner(
    client, learner
):
    # allauth does not reveal that an address has an account (no enumeration).
    client.post(
        reverse("account_signup"),
        {
            "email": learner.email,
            "display_name": "Autre",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert User.objects.filter(email=learner.email).count() == 1
    assert mail.outbox[-1].to == [learner.email]
    assert "/accounts/password/reset/" in mail.outbox[-1].body


def test_repeated_failed_sign_ins_are_rate_limited(client, learner):
    def sign_in(password):
        return client.post(
            reverse("account_login"), {"login": learner.email, "password": password}
        )

    for _ in range(5):
        sign_in("wrong")
    blocked = sign_in(PASSWORD)  # even the right password, for a while

    assert "Trop de tentatives" in blocked.content.decode()
    assert client.get(reverse("learners:dashboard")).status_code == 302


def test_password_reset_sends_a_link_that_sets_a_new_password(client, learner):
    client.post(reverse("account_reset_password"), {"email": learner.email})
    link = re.search(r"http\S+/accounts/password/reset/key/\S+", mail.outbox[-1].body)

    form_page = client.get(link.group(0), follow=True)
    client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(0),
        {
            "password1": "nouveau-mot-de-passe-99",
            "password2": "nouveau-mot-de-passe-99",
        },
    )

    learner.refresh_from_db()
    assert learner.check_password("nouveau-mot-de-passe-99")
