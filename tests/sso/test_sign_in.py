"""Single sign-on against a real OpenID Connect provider (tests/sso/oidc.py),
driven over HTTP as a browser without JavaScript would."""

import logging
import re
import threading
from datetime import timedelta
from html import unescape

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.core import mail
from django.utils import timezone

from learners.models import User
from tests.factories import PASSWORD, learner_create
from tests.sso.oidc import (
    organisations_of,
    provider_sign_in,
    provider_sign_out,
    site_sign_out,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _site_base_url_is_the_live_server(live_server, settings):
    """The provider sends people back after signing out to our home page."""
    settings.SITE_BASE_URL = live_server.url


MARIE = "marie.dupont@spw.example"


def signed_in(session: requests.Session, site_url: str) -> bool:
    """The dashboard answers rather than sending to the sign-in page."""
    response = session.get(f"{site_url}/learn/", allow_redirects=False)
    return response.status_code == 200


def test_first_sign_in_makes_an_account_linked_to_the_provider(
    live_server, identity_providers, oidc_providers, caplog
):
    caplog.set_level(logging.DEBUG)
    session = requests.Session()

    response = provider_sign_in(
        session, site_url=live_server.url, provider_id="spw", login="marie"
    )

    assert response.status_code == 200
    assert response.url.startswith(live_server.url)
    assert signed_in(session, live_server.url)
    marie = User.objects.get(email=MARIE)
    assert marie.display_name == "Marie"
    assert not marie.has_usable_password()
    assert marie.emailaddress_set.get().verified
    account = SocialAccount.objects.get(user=marie)
    assert (account.provider, account.uid) == ("spw", "marie")
    assert organisations_of(marie) == ["Service public de Wallonie"]
    # Nothing of the person nor of the protocol's secrets in the server's logs
    # (the live server's threads; this thread's are the test's HTTP client's).
    logged = "\n".join(
        record.getMessage()
        for record in caplog.records
        if record.thread != threading.main_thread().ident
    )
    assert "POST /token" in logged  # the server's calls are there, at DEBUG
    assert MARIE not in logged
    assert oidc_providers["spw"].client_secret not in logged
    assert "code=" not in logged


def test_a_second_sign_in_reuses_the_account(live_server, identity_providers):
    provider_sign_in(
        requests.Session(), site_url=live_server.url, provider_id="spw", login="marie"
    )
    again = requests.Session()

    provider_sign_in(again, site_url=live_server.url, provider_id="spw", login="marie")

    assert signed_in(again, live_server.url)
    assert User.objects.filter(email=MARIE).count() == 1
    assert SocialAccount.objects.count() == 1
    assert organisations_of(User.objects.get(email=MARIE)) == [
        "Service public de Wallonie"
    ]


def test_a_person_of_another_provider_is_refused(live_server, identity_providers):
    """Provider B's "marie", with the same subject and address as provider A's,
    does not get into the account of A's Marie, nor gets one of her own."""
    provider_sign_in(
        requests.Session(), site_url=live_server.url, provider_id="spw", login="marie"
    )
    mail.outbox.clear()
    intruder = requests.Session()

    provider_sign_in(
        intruder, site_url=live_server.url, provider_id="fed", login="marie"
    )

    assert not signed_in(intruder, live_server.url)
    assert User.objects.count() == 1
    assert list(SocialAccount.objects.values_list("provider", "uid")) == [
        ("spw", "marie")
    ]
    # Not a member of the other provider's organisation either.
    assert organisations_of(User.objects.get()) == ["Service public de Wallonie"]
    # allauth tells the address's owner, without telling the visitor it exists.
    assert [message.to for message in mail.outbox] == [[MARIE]]


def test_a_local_account_with_the_same_address_is_not_taken_over(
    live_server, identity_providers, client
):
    jeanne = learner_create(email="jeanne@example.be", display_name="Jeanne")
    session = requests.Session()

    provider_sign_in(
        session, site_url=live_server.url, provider_id="spw", login="jeanne"
    )

    assert not signed_in(session, live_server.url)
    assert not SocialAccount.objects.exists()
    assert User.objects.count() == 1
    assert organisations_of(jeanne) == []
    jeanne.refresh_from_db()
    assert jeanne.check_password(PASSWORD)  # her password still signs her in


def test_an_inactive_provider_has_no_button_and_no_sign_in(
    live_server, identity_providers, client
):
    from sso import services

    fed = identity_providers["fed"]
    services.identity_provider_update(
        provider=fed,
        name=fed.name,
        server_url=fed.server_url,
        client_id=fed.app.client_id,
        active=False,
    )

    page = client.get("/accounts/login/")
    assert b"Se connecter avec SPW" in page.content
    assert "Fédéral".encode() not in page.content
    assert client.post("/accounts/oidc/fed/login/").status_code == 404


def test_signing_out_offers_to_sign_out_of_the_provider_too(
    live_server, identity_providers
):
    session = requests.Session()
    provider_sign_in(
        session, site_url=live_server.url, provider_id="spw", login="marie"
    )

    signed_out = site_sign_out(session, site_url=live_server.url)

    assert signed_out.url == f"{live_server.url}/accounts/oidc/spw/signed-out/"
    assert not signed_in(session, live_server.url)
    issuer = identity_providers["spw"].server_url
    link = re.search(rf'href="({re.escape(issuer)}/session/end[^"]+)"', signed_out.text)
    assert link, signed_out.text

    back = provider_sign_out(session, end_session_url=unescape(link.group(1)))

    assert back.url == f"{live_server.url}/"
    # Signed out there too: the provider asks who it is again.
    again = session.post(
        f"{live_server.url}/accounts/oidc/spw/login/",
        data={"csrfmiddlewaretoken": session.cookies.get("csrftoken")},
    )
    assert 'name="login"' in again.text


def test_a_password_sign_out_stays_as_it_was(live_server, identity_providers):
    learner_create(email="paul@example.be", display_name="Paul")
    session = requests.Session()
    page = session.get(f"{live_server.url}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    session.post(
        f"{live_server.url}/accounts/login/",
        data={
            "csrfmiddlewaretoken": token,
            "login": "paul@example.be",
            "password": PASSWORD,
        },
    )
    assert signed_in(session, live_server.url)

    signed_out = site_sign_out(session, site_url=live_server.url)

    assert "/signed-out/" not in signed_out.url
    assert not signed_in(session, live_server.url)


def test_a_local_account_holder_links_the_provider_deliberately(
    live_server, identity_providers
):
    """Jeanne, signed in with her password, links her organisation's account
    (signing in there too); from then on the provider signs her in."""
    jeanne = learner_create(email="jeanne@example.be", display_name="Jeanne")
    session = requests.Session()
    page = session.get(f"{live_server.url}/accounts/login/")
    session.post(
        f"{live_server.url}/accounts/login/",
        data={
            "csrfmiddlewaretoken": _csrf(page.text),
            "login": "jeanne@example.be",
            "password": PASSWORD,
        },
    )
    connections = session.get(f"{live_server.url}/accounts/3rdparty/")
    assert connections.status_code == 200

    provider_sign_in(
        session,
        site_url=live_server.url,
        provider_id="spw",
        login="jeanne",
        process="connect",
    )

    account = SocialAccount.objects.get()
    assert (account.user, account.provider, account.uid) == (jeanne, "spw", "jeanne")
    assert organisations_of(jeanne) == ["Service public de Wallonie"]
    again = requests.Session()
    provider_sign_in(again, site_url=live_server.url, provider_id="spw", login="jeanne")
    assert signed_in(again, live_server.url)
    assert User.objects.count() == 1


def _csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def test_an_address_the_provider_did_not_verify_is_confirmed_first(
    live_server, identity_providers
):
    session = requests.Session()

    provider_sign_in(session, site_url=live_server.url, provider_id="spw", login="paul")

    assert not signed_in(session, live_server.url)
    paul = User.objects.get(email="paul.martin@spw.example")
    assert not paul.emailaddress_set.get().verified
    assert SocialAccount.objects.get(user=paul).provider == "spw"
    assert [message.to for message in mail.outbox] == [["paul.martin@spw.example"]]


def test_a_first_sign_in_takes_the_team_of_the_invitation_waiting_for_the_address(
    live_server, identity_providers
):
    """The manager imported the staff (invitations with their team); Marie
    signs in through the administration's provider instead of the link."""
    from organisations.models import Invitation, Team

    organisation = identity_providers["spw"].organisation
    team = Team.objects.create(organisation=organisation, name="Informatique")
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=MARIE,
        team=team,
        job_title="Analyste",
        token_hash="0" * 64,
        expires_at=timezone.now() + timedelta(days=14),
    )

    provider_sign_in(
        requests.Session(), site_url=live_server.url, provider_id="spw", login="marie"
    )

    marie = User.objects.get(email=MARIE)
    membership = marie.organisation_memberships.get()
    assert (membership.organisation, membership.team) == (organisation, team)
    assert membership.job_title == "Analyste"
    invitation.refresh_from_db()
    assert invitation.accepted_by == marie
