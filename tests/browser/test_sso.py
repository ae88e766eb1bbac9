"""A civil servant signs in through their administration's OpenID Connect
provider (a real one, tests/sso/oidc.py), in French, and signs out."""

import re

from allauth.socialaccount.models import SocialAccount
from playwright.sync_api import Page, expect

from learners.models import User
from tests.browser.test_assisted_accounts import fr
from tests.sso.oidc import organisations_of


def test_a_civil_servant_signs_in_through_the_provider_of_their_administration(
    page: Page,
    site,
    live_server,
    identity_providers,
    assert_accessible,
):
    provider = identity_providers["spw"]
    page.goto("/accounts/login/")
    expect(
        page.get_by_role("heading", name=fr("With your organisation's account"))
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role(
        "button", name=fr("Sign in with %(name)s") % {"name": "SPW"}, exact=True
    ).click()

    # The provider's own (development) sign-in and consent pages.
    expect(page).to_have_url(re.compile(rf"^{re.escape(provider.server_url)}/"))
    page.locator("input[name=login]").fill("marie")
    page.locator("input[name=password]").fill("n'importe lequel")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_url(re.compile(rf"^{re.escape(live_server.url)}/"))
    sign_out = page.get_by_role("button", name=fr("Sign out"))
    expect(sign_out).to_be_visible()
    marie = User.objects.get(email="marie.dupont@spw.example")
    assert SocialAccount.objects.get(user=marie).provider == "spw"
    assert organisations_of(marie) == ["Service public de Wallonie"]

    # The page of her linked accounts (where a local account links one).
    page.goto("/accounts/3rdparty/")
    expect(page.get_by_text("SPW").first).to_be_visible()
    assert_accessible(page)

    # Signed out here; the page offers to sign out of the provider too.
    page.get_by_role("button", name=fr("Sign out")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Signed out"))
    assert_accessible(page)
    page.get_by_role(
        "link", name=fr("Also sign out of %(name)s") % {"name": "SPW"}
    ).click()
    page.get_by_role("button", name="Yes, sign me out").click()
    expect(page).to_have_url(f"{live_server.url}/")

    page.goto("/learn/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    # The provider asks who it is again.
    page.get_by_role(
        "button", name=fr("Sign in with %(name)s") % {"name": "SPW"}, exact=True
    ).click()
    expect(page.locator("input[name=login]")).to_be_visible()
