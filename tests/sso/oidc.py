"""A real OpenID Connect provider for the tests: panva's oidc-provider under
Node.js (tests/sso/provider.mjs), one process per provider, on loopback ports.

Missing Node.js or the npm package (``npm ci``, run by ``make test``) fails the
tests: nothing here skips.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

import pytest
import requests

SCRIPT = Path(__file__).with_name("provider.mjs")
ROOT = SCRIPT.parents[2]


@dataclass
class OidcProvider:
    """A running provider, and what our side needs to configure it."""

    provider_id: str
    issuer: str
    client_id: str
    client_secret: str
    process: subprocess.Popen = field(repr=False)


# Each provider's people: the login is the subject ("sub").
PROVIDER_A_ACCOUNTS = {
    "marie": {
        "email": "marie.dupont@spw.example",
        "email_verified": True,
        "name": "Marie Dupont",
        "given_name": "Marie",
        "family_name": "Dupont",
    },
    # A provider's person whose address the provider did not check.
    "paul": {
        "email": "paul.martin@spw.example",
        "email_verified": False,
        "name": "Paul Martin",
        "given_name": "Paul",
    },
    # The address of a local account (the ``learner`` fixture's).
    "jeanne": {
        "email": "jeanne@example.be",
        "email_verified": True,
        "name": "Jeanne Autre",
        "given_name": "Jeanne",
    },
}
# Another administration's provider, with a person of the same subject and the
# same address as provider A's Marie.
PROVIDER_B_ACCOUNTS = {
    "marie": {
        "email": "marie.dupont@spw.example",
        "email_verified": True,
        "name": "Marie Usurpée",
        "given_name": "Marie",
    },
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def provider_start(
    *, provider_id: str, site_url: str, accounts: dict, log_dir: Path
) -> OidcProvider:
    """Start a provider whose client may come back to ``site_url``; wait for it."""
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    client = {
        "client_id": f"skills-{provider_id}",
        "client_secret": f"secret-of-{provider_id}-for-tests",
        "redirect_uris": [f"{site_url}/accounts/oidc/{provider_id}/login/callback/"],
        "post_logout_redirect_uris": [f"{site_url}/"],
    }
    log = log_dir / f"oidc-{provider_id}.log"
    env = {
        **os.environ,
        "OIDC_PORT": str(port),
        "OIDC_CLIENT": json.dumps(client),
        "OIDC_ACCOUNTS": json.dumps(accounts),
    }
    with log.open("wb") as output:
        process = subprocess.Popen(
            ["node", str(SCRIPT)],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    discovery = f"{issuer}/.well-known/openid-configuration"
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            raise RuntimeError(
                f"The test OIDC provider exited ({process.returncode}); is "
                f"`npm ci` done?\n{log.read_text(errors='replace')}"
            )
        try:
            if requests.get(discovery, timeout=1).json()["issuer"] == issuer:
                break
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"The test OIDC provider did not start:\n{log}")
        time.sleep(0.1)
    return OidcProvider(
        provider_id=provider_id,
        issuer=issuer,
        client_id=client["client_id"],
        client_secret=client["client_secret"],
        process=process,
    )


def provider_stop(provider: OidcProvider) -> None:
    provider.process.terminate()
    try:
        provider.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        provider.process.kill()
        provider.process.wait()


@pytest.fixture(scope="session")
def oidc_providers(live_server):
    """Two identity providers, A ("spw") and B ("fed"), for the whole run."""
    with tempfile.TemporaryDirectory() as logs:
        started = []
        try:
            for provider_id, accounts in (
                ("spw", PROVIDER_A_ACCOUNTS),
                ("fed", PROVIDER_B_ACCOUNTS),
            ):
                started.append(
                    provider_start(
                        provider_id=provider_id,
                        site_url=live_server.url,
                        accounts=accounts,
                        log_dir=Path(logs),
                    )
                )
            yield {provider.provider_id: provider for provider in started}
        finally:
            for provider in started:
                provider_stop(provider)


# Each provider's organisation.
ORGANISATIONS = {"spw": "Service public de Wallonie", "fed": "SPF Stratégie"}


@pytest.fixture
def identity_providers(transactional_db, oidc_providers):
    """Both providers configured as an operator would, each for its own
    organisation, in this test's database."""
    from organisations.models import Organisation
    from sso import services

    names = {"spw": "SPW", "fed": "Fédéral"}
    return {
        provider_id: services.identity_provider_create(
            name=names[provider_id],
            provider_id=provider_id,
            server_url=running.issuer,
            client_id=running.client_id,
            client_secret=running.client_secret,
            organisation=Organisation.objects.create(name=ORGANISATIONS[provider_id]),
        )
        for provider_id, running in oidc_providers.items()
    }


def organisations_of(user) -> list[str]:
    """The organisations a person is a member of, by name."""
    memberships = user.organisation_memberships.order_by("organisation__name")
    return list(memberships.values_list("organisation__name", flat=True))


_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_FORM = re.compile(r'<form[^>]*action="([^"]+)"[^>]*method="post"', re.I)


def provider_sign_in(
    session: requests.Session,
    *,
    site_url: str,
    provider_id: str,
    login: str,
    process: str = "login",
) -> requests.Response:
    """Sign in as a browser without JavaScript would: our sign-in page's button
    (or, to link a signed-in account, the linked accounts page's), the
    provider's sign-in and consent pages, back to our callback."""
    start = "/accounts/login/" if process == "login" else "/accounts/3rdparty/"
    page = session.get(f"{site_url}{start}")
    page.raise_for_status()
    token = _CSRF.search(page.text).group(1)
    response = session.post(
        f"{site_url}/accounts/oidc/{provider_id}/login/",
        data={"csrfmiddlewaretoken": token, "process": process},
    )
    steps = (("login", {"login": login, "password": "any"}), ("consent", {}))
    for prompt, fields in steps:
        if not response.url.startswith(site_url) and "/interaction/" in response.url:
            action = unescape(_FORM.search(response.text).group(1))
            response = session.post(
                requests.compat.urljoin(response.url, action),
                data={"prompt": prompt, **fields},
            )
    return response


def site_sign_out(session: requests.Session, *, site_url: str) -> requests.Response:
    """Our header's sign-out button, posted with the page's CSRF token."""
    page = session.get(f"{site_url}/learn/")
    token = _CSRF.search(page.text).group(1)
    return session.post(
        f"{site_url}/accounts/logout/", data={"csrfmiddlewaretoken": token}
    )


_LOGOUT_FORM = re.compile(r'<form[^>]*id="op.logoutForm"[^>]*action="([^"]+)"', re.I)
_XSRF = re.compile(r'name="xsrf" value="([^"]+)"')


def provider_sign_out(session: requests.Session, *, end_session_url: str):
    """The provider's "Do you want to sign-out?" page, answered yes."""
    page = session.get(end_session_url)
    page.raise_for_status()
    action = unescape(_LOGOUT_FORM.search(page.text).group(1))
    return session.post(
        requests.compat.urljoin(page.url, action),
        data={"xsrf": _XSRF.search(page.text).group(1), "logout": "yes"},
    )
