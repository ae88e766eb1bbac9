"""Sign-up, e-mail confirmation, sign-in limits and password reset (django-allauth)."""

import re

import pytest
from django.contrib.auth import password_validation
from django.core import mail
from django.urls import reverse
from django.utils import translation

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


def test_signup_asks_for_one_password_and_shows_no_rules_up_front(client):
    html = client.get(reverse("account_signup")).content.decode()

    assert 'name="password1"' in html
    assert 'name="password2"' not in html
    with translation.override("en"):
        rules = password_validation.password_validators_help_texts()
    assert not any(rule in html for rule in rules)


def test_signup_with_a_weak_password_says_why_and_stores_nothing(client):
    with translation.override("en"):
        response = client.post(
            reverse("account_signup"),
            {"email": "lea@example.be", "display_name": "Léa", "password1": "123"},
            HTTP_ACCEPT_LANGUAGE="en",
        )

    html = response.content.decode()
    assert response.status_code == 200
    assert not User.objects.filter(email="lea@example.be").exists()
    summary = html[html.index('class="error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    assert 'href="#id_password1"' in summary
    assert "too short" in summary
    assert 'aria-invalid="true"' in html
    assert 'id="id_password1_error"' in html  # the error again, next to the field


def test_profile_form_errors_are_summarised_above_the_fields(client, learner):
    client.force_login(learner)

    response = client.post(
        reverse("learners:profile"),
        {"display_name": "Jeanne", "language": "fr", "postal_code": "abc"},
    )

    html = response.content.decode()
    assert html.index('class="error-summary"') < html.index('name="postal_code"')
    assert 'href="#id_postal_code"' in html


def test_the_profiles_optional_questions_offer_to_say_nothing_in_words(client, learner):
    client.force_login(learner)

    html = client.get(reverse("learners:profile")).content.decode()

    assert "---------" not in html
    for name in ("age_band", "learner_type"):
        select = html[html.index(f'name="{name}"') :]
        select = select[: select.index("</select>")]
        assert '<option value="" selected>Je préfère ne pas le dire</option>' in select


def test_a_changed_password_leads_back_to_the_profile_which_says_so(client, learner):
    client.force_login(learner)

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "un-nouveau-mot-de-passe-42",
            "password2": "un-nouveau-mot-de-passe-42",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("learners:profile")
    assert "Mot de passe modifié" in response.content.decode()
    learner.refresh_from_db()
    assert learner.check_password("un-nouveau-mot-de-passe-42")


def test_a_wrong_current_password_is_called_wrong_and_changes_nothing(client, learner):
    client.force_login(learner)

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "pas-le-bon-mot-de-passe",
            "password1": "un-nouveau-mot-de-passe-42",
            "password2": "un-nouveau-mot-de-passe-42",
        },
    )

    assert response.status_code == 200
    assert "Ce n’est pas votre mot de passe actuel." in response.content.decode()
    learner.refresh_from_db()
    assert learner.check_password(PASSWORD)
