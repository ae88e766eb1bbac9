"""Login cards: a person without e-mail signs in with a QR code, or a code and a
PIN; a reissued card replaces the old; guessing is limited and tells nothing."""

import time

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from learners import login_cards, services
from learners.models import LoginCard, User
from learners.shared_computer import SESSION_KEY
from tests.factories import learner_create

pytestmark = pytest.mark.django_db

WRONG = "This code and this PIN do not match a live card."


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def lea(db):
    return User.objects.create_assisted_user(display_name="Léa", postal_code="5000")


@pytest.fixture
def card(lea, facilitator):
    return login_cards.card_issue(user=lea, issued_by=facilitator)


def signed_in_as(client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


def type_card(client, code, pin, **extra):
    return client.post(
        reverse("learners:card_sign_in"), {"code": code, "pin": pin}, **extra
    )


def test_an_assisted_account_has_no_email_and_no_password(lea):
    assert lea.email is None
    assert lea.is_assisted
    assert not lea.has_usable_password()
    assert str(lea) == "Léa"


def test_the_card_keeps_only_digests_of_its_secrets(card):
    stored = LoginCard.objects.get()

    assert card.link_key not in stored.link_key_digest
    assert stored.pin != card.pin
    assert stored.pin.startswith(("md5$", "argon2"))
    assert len(card.pin) == 4
    assert card.pin.isdigit()
    assert len(stored.code) == 6
    assert set(stored.code) <= set(login_cards.CODE_ALPHABET)


def test_the_code_and_pin_sign_in_however_the_code_is_typed(client, lea, card):
    typed = card.code_display.lower().replace("-", " ")

    response = type_card(client, typed, card.pin)

    assert response.status_code == 302
    assert signed_in_as(client) == lea.id
    assert LoginCard.objects.get().last_used_at is not None


@pytest.mark.parametrize("mistake", ["code", "pin"])
def test_a_wrong_code_and_a_wrong_pin_get_the_same_answer(client, card, mistake):
    code = "ACDACD" if mistake == "code" else card.card.code
    pin = card.pin if mistake == "code" else str((int(card.pin) + 1) % 10000).zfill(4)

    response = type_card(client, code, pin)

    assert response.status_code == 200
    assert WRONG in response.content.decode()
    assert signed_in_as(client) is None


def test_the_qr_link_asks_before_it_signs_in(client, lea, card):
    url = reverse("learners:card_link", args=[card.link_key])

    page = client.get(url)
    assert "Hello Léa!" in page.content.decode()
    assert signed_in_as(client) is None  # a link preview signs nobody in

    client.post(url)
    assert signed_in_as(client) == lea.id


def test_a_reissued_card_replaces_the_old_one(client, lea, card, facilitator):
    new = login_cards.card_issue(user=lea, issued_by=facilitator)

    old_link = client.get(reverse("learners:card_link", args=[card.link_key]))
    assert old_link.status_code == 404
    assert "This card no longer works" in old_link.content.decode()
    assert WRONG in type_card(client, card.card.code, card.pin).content.decode()
    assert signed_in_as(client) is None

    type_card(client, new.card.code, new.pin)
    assert signed_in_as(client) == lea.id
    assert LoginCard.objects.filter(user=lea, revoked_at__isnull=True).count() == 1


def test_a_revoked_card_signs_nobody_in(client, lea, card):
    login_cards.card_revoke(user=lea)

    assert client.post(
        reverse("learners:card_link", args=[card.link_key])
    ).status_code == (404)
    assert signed_in_as(client) is None


def test_guessing_the_pin_of_one_card_is_stopped_from_any_address(client, lea, card):
    wrong = str((int(card.pin) + 1) % 10000).zfill(4)
    for n in range(5):  # five tries from five addresses
        type_card(client, card.card.code, wrong, REMOTE_ADDR=f"10.0.0.{n}")

    refused = type_card(client, card.card.code, card.pin, REMOTE_ADDR="10.0.0.99")

    assert refused.status_code == 429
    assert signed_in_as(client) is None


def test_guessing_codes_from_one_address_is_stopped(client, lea, card):
    for n in range(10):  # ten different codes: the per-card limit never applies
        type_card(client, f"ACDAC{login_cards.CODE_ALPHABET[n]}", "0000")

    refused = type_card(client, card.card.code, card.pin)

    assert refused.status_code == 429
    assert signed_in_as(client) is None
    # Another address is not held back.
    type_card(client, card.card.code, card.pin, REMOTE_ADDR="10.0.0.2")
    assert signed_in_as(client) == lea.id


# A shared computer


def sign_in_with_card(client, card):
    client.post(reverse("learners:card_link", args=[card.link_key]))


def test_a_card_session_shows_i_am_done_and_is_never_cached(client, card):
    sign_in_with_card(client, card)

    page = client.get(reverse("learners:dashboard"))

    html = page.content.decode()
    assert "I am done" in html
    assert f'content="{settings.CARD_IDLE_SECONDS + 5};url=' in html
    assert "no-store" in page["Cache-Control"]
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == ""  # browser


def test_i_am_done_signs_out_and_clears_the_browser(client, card):
    sign_in_with_card(client, card)

    response = client.post(reverse("learners:card_finish"))

    assert signed_in_as(client) is None
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert "Nothing of yours stays on this computer." in response.content.decode()


def test_an_idle_card_session_is_signed_out(client, card):
    sign_in_with_card(client, card)
    session = client.session
    session[SESSION_KEY] = time.time() - settings.CARD_IDLE_SECONDS - 1
    session.save()

    response = client.get(reverse("learners:dashboard"))

    assert response.status_code == 302
    assert response.url == reverse("learners:card_signed_out")
    assert signed_in_as(client) is None
    landing = client.get(response.url)
    assert "Nobody used this page for a while" in landing.content.decode()


def test_a_password_session_has_no_card_features(client):
    person = learner_create(email="jeanne@example.be")
    client.force_login(person)

    page = client.get(reverse("learners:dashboard"))

    assert "I am done" not in page.content.decode()
    assert "no-store" not in page.get("Cache-Control", "")


# Later: an e-mail address and a password


def test_a_card_holder_adds_an_email_and_keeps_everything(client, lea, card, course):
    enrolment = services.enrolment_create(user=lea, course=course)
    sign_in_with_card(client, card)

    response = client.post(
        reverse("learners:email_and_password"),
        {"email": "Lea@Example.be", "password": "un-mot-de-passe-long"},
    )

    assert response.status_code == 302
    lea.refresh_from_db()
    assert lea.email == "lea@example.be"
    assert lea.check_password("un-mot-de-passe-long")
    assert lea.enrolments.get() == enrolment
    assert signed_in_as(client) == lea.id  # still signed in
    (confirmation,) = mail.outbox
    assert confirmation.to == ["lea@example.be"]
    # The card still works until it is stopped.
    assert login_cards.card_check(code=card.card.code, pin=card.pin) is not None


def test_an_address_of_another_account_is_refused(client, lea, card):
    learner_create(email="jeanne@example.be")
    sign_in_with_card(client, card)

    response = client.post(
        reverse("learners:email_and_password"),
        {"email": "JEANNE@example.be", "password": "un-mot-de-passe-long"},
    )

    assert "belongs to another account" in response.content.decode()
    lea.refresh_from_db()
    assert lea.email is None


def test_many_addresses_together_meet_one_limit_and_qr_links_still_work(
    client, settings, lea, card
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "card_sign_in_all": "20/m"}
    for n in range(20):  # a network of machines, one try each
        type_card(
            client,
            f"ACDAC{login_cards.CODE_ALPHABET[n]}",
            "0000",
            REMOTE_ADDR=f"10.1.0.{n}",
        )

    refused = type_card(client, card.card.code, card.pin, REMOTE_ADDR="10.2.0.1")
    assert refused.status_code == 429
    assert signed_in_as(client) is None

    client.post(reverse("learners:card_link", args=[card.link_key]))
    assert signed_in_as(client) == lea.id


@pytest.mark.parametrize("how", ["reissued", "stopped"])
def test_a_new_or_stopped_card_ends_the_sessions_of_the_old_one(
    client, lea, card, facilitator, how
):
    sign_in_with_card(client, card)
    assert client.get(reverse("learners:dashboard")).status_code == 200

    if how == "reissued":
        login_cards.card_issue(user=lea, issued_by=facilitator)
    else:
        login_cards.card_revoke(user=lea)

    response = client.get(reverse("learners:dashboard"))
    assert response.status_code == 302
    assert signed_in_as(client) is None


def test_opening_the_done_address_signs_nobody_out(client, card):
    sign_in_with_card(client, card)

    response = client.get(reverse("learners:card_finish"))

    assert response.status_code == 302
    assert signed_in_as(client) is not None
