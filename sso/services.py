"""Writes of single sign-on: identity providers, and a person's first sign-in."""

from __future__ import annotations

from allauth.socialaccount.models import SocialApp
from django.db import transaction

from learners.models import User
from organisations.models import Organisation
from organisations.services import member_join_through_provider
from sso.exceptions import ProviderIdTaken
from sso.models import IdentityProvider

# allauth's generic OpenID Connect provider: one SocialApp per identity provider,
# told apart by its provider_id.
OPENID_CONNECT = "openid_connect"


def _app_settings(*, server_url: str) -> dict:
    return {
        # The issuer; allauth reads its /.well-known/openid-configuration.
        "server_url": server_url,
        # PKCE on top of the client secret: a stolen authorisation code is
        # worth nothing without the verifier kept in the person's session.
        "oauth_pkce_enabled": True,
    }


def identity_provider_create(
    *,
    name: str,
    provider_id: str,
    server_url: str,
    client_id: str,
    client_secret: str,
    active: bool = True,
    organisation: Organisation | None = None,
) -> IdentityProvider:
    """Add an organisation's OpenID Connect provider (and its allauth app)."""
    with transaction.atomic():
        if SocialApp.objects.filter(provider_id=provider_id).exists():
            raise ProviderIdTaken()
        app = SocialApp.objects.create(
            provider=OPENID_CONNECT,
            provider_id=provider_id,
            name=name,
            client_id=client_id,
            secret=client_secret,
            settings=_app_settings(server_url=server_url),
        )
        return IdentityProvider.objects.create(
            name=name, app=app, active=active, organisation=organisation
        )


def identity_provider_update(
    *,
    provider: IdentityProvider,
    name: str,
    server_url: str,
    client_id: str,
    client_secret: str = "",
    active: bool,
    organisation: Organisation | None = None,
) -> IdentityProvider:
    """Change a provider; a blank secret keeps the stored one.

    The provider id never changes: every SocialAccount of the provider's people
    is stored under it.
    """
    with transaction.atomic():
        app = provider.app
        app.name = name
        app.client_id = client_id
        if client_secret:
            app.secret = client_secret
        app.settings = {**app.settings, **_app_settings(server_url=server_url)}
        app.save()
        provider.name = name
        provider.active = active
        provider.organisation = organisation
        provider.save()
        return provider


def identity_provider_delete(*, provider: IdentityProvider) -> None:
    """Remove a provider and its app (its people keep their accounts, unlinked)."""
    with transaction.atomic():
        provider.app.delete()  # the provider goes with it (CASCADE)


def join_organisation_of(*, provider: IdentityProvider, user: User) -> None:
    """A person signed in through ``provider`` for the first time (their
    account made), or linked it: they join the provider's organisation, if it
    names one (the organisation vouches for its own provider's people)."""
    if provider.organisation_id is None:
        return
    member_join_through_provider(organisation=provider.organisation, user=user)
