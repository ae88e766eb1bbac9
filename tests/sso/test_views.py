"""The sign-in page's buttons, its content security policy, and the limits."""

import pytest

from sso import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def spw(db):
    return services.identity_provider_create(
        name="SPW",
        provider_id="spw",
        server_url="https://idp.spw.example/realms/agents",
        client_id="skills",
        client_secret="secret",
    )


def test_the_sign_in_page_has_a_post_form_per_provider(client, spw):
    page = client.get("/accounts/login/?next=/learn/")

    html = page.content.decode()
    assert 'action="/accounts/oidc/spw/login/"' in html
    assert 'name="process" value="login"' in html
    assert 'name="next" value="/learn/"' in html
    assert "Se connecter avec SPW" in html


def test_the_sign_in_page_lets_its_buttons_reach_the_providers(client, spw):
    """The POST is redirected to the provider: form-action must allow it."""
    policy = client.get("/accounts/login/")["Content-Security-Policy"]

    form_action = next(
        part for part in policy.split(";") if part.strip().startswith("form-action")
    )
    assert form_action.split() == ["form-action", "'self'", "https://idp.spw.example"]
    # allauth's "continue to the provider" page (a GET of the sign-in address).
    confirm = client.get("/accounts/oidc/spw/login/")["Content-Security-Policy"]
    assert "form-action 'self' https://idp.spw.example" in confirm
    # Other pages keep 'self' alone.
    other = client.get("/accounts/password/reset/")["Content-Security-Policy"]
    assert "idp.spw.example" not in other


def test_no_provider_no_section(client):
    assert b"sign-in-providers" not in client.get("/accounts/login/").content


def test_provider_sign_in_and_callback_are_rate_limited(client, spw, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "sso": "2/m"}
    callback = "/accounts/oidc/spw/login/callback/?error=access_denied"

    statuses = [client.get(callback).status_code for _ in range(3)]

    assert statuses[:2] != [429, 429]
    assert statuses[2] == 429
    assert client.post("/accounts/oidc/spw/login/").status_code == 429


def test_an_unknown_provider_is_not_found(client, spw):
    assert client.post("/accounts/oidc/nobody/login/").status_code == 404


@pytest.mark.parametrize(
    ("endpoint", "offered"),
    [
        ("https://idp.spw.example/logout", True),
        ("javascript:alert(1)", False),
        (None, False),
    ],
)
def test_only_a_web_address_is_offered_as_the_providers_sign_out(
    rf, spw, settings, monkeypatch, endpoint, offered
):
    from allauth.socialaccount.providers.openid_connect.views import (
        OpenIDConnectOAuth2Adapter,
    )

    from sso import selectors

    settings.SITE_BASE_URL = "https://competences.example"
    discovery = {"issuer": spw.server_url}
    if endpoint:
        discovery["end_session_endpoint"] = endpoint
    monkeypatch.setattr(
        OpenIDConnectOAuth2Adapter, "openid_config", property(lambda self: discovery)
    )

    url = selectors.end_session_url(request=rf.get("/"), provider=spw)

    if offered:
        assert url == (
            "https://idp.spw.example/logout?client_id=skills&post_logout_redirect_uri="
            "https%3A%2F%2Fcompetences.example%2F"
        )
    else:
        assert url == ""
