"""Reads of single sign-on: the providers a sign-in page offers; a person's
addresses as allauth keeps them (its pages live under the same paths)."""

from __future__ import annotations

import logging
from urllib.parse import urlencode, urlsplit

import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.providers.openid_connect.views import (
    OpenIDConnectOAuth2Adapter,
)
from django.db.models import QuerySet

from common.links import absolute
from sso.models import IdentityProvider

logger = logging.getLogger(__name__)


def email_address_of(*, user, email: str) -> EmailAddress | None:
    """One of ``user``'s addresses by its text (any case), or None: never
    another person's."""
    return EmailAddress.objects.filter(user=user, email__iexact=email).first()


def identity_providers_active() -> QuerySet[IdentityProvider]:
    """The providers people may sign in through, by name, with their apps."""
    return IdentityProvider.objects.filter(active=True).select_related("app")


def identity_provider_of(*, provider_id: str) -> IdentityProvider | None:
    """The provider of allauth's ``provider_id`` (a SocialAccount's provider)."""
    return (
        IdentityProvider.objects.select_related("app")
        .filter(app__provider_id=provider_id)
        .first()
    )


def identity_provider_origins() -> list[str]:
    """Where the sign-in buttons lead: the active providers' origins."""
    origins = set()
    for provider in identity_providers_active():
        parts = urlsplit(provider.server_url)
        if parts.scheme and parts.netloc:
            origins.add(f"{parts.scheme}://{parts.netloc}")
    return sorted(origins)


def end_session_url(*, request, provider: IdentityProvider) -> str:
    """The provider's own sign-out (OpenID Connect RP-initiated logout), back
    to our home page after; "" when it has none or cannot be reached.

    Without an ID token (none is kept), ``client_id`` names us, and the
    provider asks the person to confirm. Its client must allow our home page
    as a post-logout redirect URI.
    """
    try:
        config = OpenIDConnectOAuth2Adapter(request, provider.slug).openid_config
    except (requests.RequestException, ValueError):
        # The provider is down: signed out here all the same. Its name only.
        logger.warning("No discovery document from identity provider %s", provider.slug)
        return ""
    endpoint = config.get("end_session_endpoint")
    # An href from another server's document: a web address, nothing else
    # (a "javascript:" one would run in our page).
    if not isinstance(endpoint, str) or urlsplit(endpoint).scheme not in (
        "https",
        "http",
    ):
        return ""
    query = urlencode(
        {"client_id": provider.app.client_id, "post_logout_redirect_uri": absolute("/")}
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
