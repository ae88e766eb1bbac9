"""Every sign-in form is rate-limited by one policy: allauth's ACCOUNT_RATE_LIMITS.

The Wagtail admin's and Django admin's sign-in pages lead to allauth's form
(config.urls), so the limits per account ("5/5m/key") and per address
("10/m/ip") hold wherever a person starts from.
"""

import re
import time
from types import SimpleNamespace

import pytest
from allauth.core.internal import ratelimit
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, editor_create, learner_create

pytestmark = pytest.mark.django_db

ENTRY_POINTS = ["/accounts/login/", "/admin/login/", "/django-admin/login/"]
PER_ACCOUNT = 5
PER_ADDRESS = 10
TOO_MANY = "Too many failed login attempts"


@pytest.fixture
def client(client):
    """Messages in English: the assertions read them."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def staff(db):
    return learner_create(email="admin@example.be", display_name="Admin", is_staff=True)


def form_url(client, entry: str) -> str:
    """Where a person who opens ``entry`` ends up typing their password."""
    page = client.get(entry, follow=True)
    assert page.status_code == 200
    return page.request["PATH_INFO"]


def sign_in(client, url, email, password, *, address="10.0.0.1", **extra):
    return client.post(
        url, {"login": email, "password": password}, REMOTE_ADDR=address, **extra
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_wrong_passwords_then_the_right_one_do_not_sign_in(client, staff, entry):
    url = form_url(client, entry)
    for _ in range(PER_ACCOUNT):
        sign_in(client, url, staff.email, "wrong")

    refused = sign_in(client, url, staff.email, PASSWORD)

    assert TOO_MANY in refused.content.decode()
    assert not signed_in(client)


@pytest.mark.parametrize("entry", ["/admin/login/", "/django-admin/login/"])
def test_admin_sign_in_pages_check_no_password_themselves(client, staff, entry):
    # Posting to the admins' old forms directly is no way around the limits.
    response = sign_in(client, entry, staff.email, PASSWORD)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not signed_in(client)


def test_an_account_stays_limited_from_another_address(client, staff):
    url = reverse("account_login")
    for _ in range(PER_ACCOUNT):
        sign_in(client, url, staff.email, "wrong", address="10.0.0.1")

    refused = sign_in(client, url, staff.email, PASSWORD, address="10.0.0.2")

    assert TOO_MANY in refused.content.decode()
    assert not signed_in(client)


def test_an_account_stays_limited_under_another_host_name(client, staff):
    url = reverse("account_login")
    for _ in range(PER_ACCOUNT):
        sign_in(client, url, staff.email, "wrong", address="10.0.0.1")

    refused = sign_in(
        client, url, staff.email, PASSWORD, address="10.0.0.2", HTTP_HOST="localhost"
    )

    assert TOO_MANY in refused.content.decode()
    assert not signed_in(client)


def test_an_address_is_limited_across_accounts(client):
    url = reverse("account_login")
    tried = [learner_create(email=f"p{n}@example.be") for n in range(3)]
    fresh = learner_create(email="fresh@example.be")
    for person, attempts in zip(tried, (4, 4, 2), strict=True):
        for _ in range(attempts):  # each account stays under its own limit
            sign_in(client, url, person.email, "wrong", address="10.0.0.1")
    assert PER_ADDRESS == 4 + 4 + 2

    refused = sign_in(client, url, fresh.email, PASSWORD, address="10.0.0.1")
    assert TOO_MANY in refused.content.decode()
    assert not signed_in(client)

    sign_in(client, url, fresh.email, PASSWORD, address="10.0.0.2")
    assert signed_in(client)


def test_the_limit_lifts_after_its_window(client, staff, monkeypatch):
    url = reverse("account_login")
    for _ in range(PER_ACCOUNT):
        sign_in(client, url, staff.email, "wrong")

    later = time.time() + 5 * 60 + 1
    monkeypatch.setattr(
        ratelimit, "time", SimpleNamespace(time=lambda: later, **_clock_rest())
    )
    sign_in(client, url, staff.email, PASSWORD)

    assert signed_in(client)


def _clock_rest() -> dict:
    """The rest of the clock allauth's limiter reads (its cache lock's wait)."""
    return {"monotonic": time.monotonic, "sleep": time.sleep}


def test_a_password_reset_clears_the_account_limit(client, staff):
    url = reverse("account_login")
    for _ in range(PER_ACCOUNT):
        sign_in(client, url, staff.email, "wrong")

    client.post(reverse("account_reset_password"), {"email": staff.email})
    link = re.search(r"http\S+/accounts/password/reset/key/\S+", mail.outbox[-1].body)
    form_page = client.get(link.group(0), follow=True)
    new_password = "nouveau-mot-de-passe-99"
    client.post(
        form_page.redirect_chain[-1][0],
        {"password1": new_password, "password2": new_password},
    )
    sign_in(client, url, staff.email, new_password)

    assert signed_in(client)


def test_an_editor_signs_into_the_wagtail_admin_and_lands_in_it(client):
    editor = editor_create(email="elise@example.be", can_publish=False)
    page = client.get("/admin/", follow=True)
    assert page.request["PATH_INFO"] == reverse("account_login")

    response = client.post(
        f"{reverse('account_login')}?next=/admin/",
        {"login": editor.email, "password": PASSWORD},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/admin/"
    assert response.status_code == 200


def test_staff_sign_into_the_django_admin_and_land_in_it(client, staff):
    client.get("/django-admin/", follow=True)

    response = client.post(
        f"{reverse('account_login')}?next=/django-admin/",
        {"login": staff.email, "password": PASSWORD},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/django-admin/"
    assert response.status_code == 200


def test_a_signed_in_learner_gets_a_refusal_not_a_redirect_loop(client, learner):
    client.force_login(learner)

    assert client.get("/admin/", follow=True).status_code == 403
    assert client.get("/django-admin/", follow=True).status_code == 403


def test_the_admins_password_forms_lead_to_allauths(client, staff):
    client.force_login(staff)

    change = client.get("/django-admin/password_change/")
    reset = client.get("/admin/password_reset/")

    assert change["Location"] == reverse("account_change_password")
    assert reset["Location"] == reverse("account_reset_password")
    assert client.get("/admin/password_reset/done/").status_code == 404


# Behind the TLS proxy (TRUSTED_PROXY_COUNT=1)

PROXY = "10.9.9.9"


def through_proxy(client, url, email, password, visitor):
    """A sign-in relayed by the proxy, which appended the visitor's address."""
    return sign_in(
        client,
        url,
        email,
        password,
        address=PROXY,
        HTTP_X_FORWARDED_FOR=f"203.0.113.66, {visitor}",  # the first part is forged
    )


def test_behind_the_proxy_each_visitor_is_limited_on_their_own(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    url = reverse("account_login")
    tried = [learner_create(email=f"p{n}@example.be") for n in range(3)]
    fresh = learner_create(email="fresh@example.be")
    for person, attempts in zip(tried, (4, 4, 2), strict=True):
        for _ in range(attempts):
            through_proxy(client, url, person.email, "wrong", visitor="198.51.100.1")

    refused = through_proxy(client, url, fresh.email, PASSWORD, "198.51.100.1")
    assert TOO_MANY in refused.content.decode()
    assert not signed_in(client)

    # Another visitor, through the same proxy, is not held back by the first.
    through_proxy(client, url, fresh.email, PASSWORD, visitor="198.51.100.2")
    assert signed_in(client)


def test_without_a_trusted_proxy_a_forged_forwarded_for_changes_nothing(client):
    url = reverse("account_login")
    fresh = learner_create(email="fresh@example.be")
    for n in range(PER_ADDRESS):
        sign_in(
            client,
            url,
            f"nobody{n}@example.be",
            "wrong",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )

    refused = sign_in(client, url, fresh.email, PASSWORD)

    assert TOO_MANY in refused.content.decode()
